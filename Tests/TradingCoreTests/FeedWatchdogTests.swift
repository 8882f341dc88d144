import Foundation
import Testing
import TradingCore

@Suite("FeedWatchdog")
struct FeedWatchdogTests {
    // 2025-09-10 is a Wednesday; 2025-09-13 a Saturday.
    let ten = istInstant(2025, 9, 10, 10, 0)

    @Test("market hours: weekdays 09:15 (inclusive) to 15:30 (exclusive) IST")
    func marketHours() {
        #expect(!FeedWatchdog.isMarketOpen(at: istInstant(2025, 9, 10, 9, 14, 59)))
        #expect(FeedWatchdog.isMarketOpen(at: istInstant(2025, 9, 10, 9, 15)))
        #expect(FeedWatchdog.isMarketOpen(at: istInstant(2025, 9, 10, 15, 29, 59)))
        #expect(!FeedWatchdog.isMarketOpen(at: istInstant(2025, 9, 10, 15, 30)))
        #expect(!FeedWatchdog.isMarketOpen(at: istInstant(2025, 9, 13, 10, 0)))
    }

    @Test("no tick for the window while open asks to reconnect and report, once per window")
    func silence() {
        var watchdog = FeedWatchdog(silenceSeconds: 10)
        #expect(watchdog.check(at: ten) == .none)          // not connected yet
        watchdog.connected(at: ten)
        watchdog.tickArrived(at: ten.addingTimeInterval(2))
        #expect(watchdog.check(at: ten.addingTimeInterval(11.9)) == .none)
        #expect(watchdog.check(at: ten.addingTimeInterval(12)) == .reconnect(silentSeconds: 10, consecutive: 1, report: true))
        // The window restarted at 12 s: nothing until 22 s, then a second silence, not reported again.
        #expect(watchdog.check(at: ten.addingTimeInterval(13)) == .none)
        watchdog.connected(at: ten.addingTimeInterval(13))
        #expect(watchdog.check(at: ten.addingTimeInterval(22)) == .none)
        #expect(watchdog.check(at: ten.addingTimeInterval(23)) == .reconnect(silentSeconds: 21, consecutive: 2, report: false))
        // A tick ends the streak: the next silence is reported again.
        watchdog.tickArrived(at: ten.addingTimeInterval(24))
        #expect(watchdog.consecutiveSilences == 0)
        #expect(watchdog.check(at: ten.addingTimeInterval(34)) == .reconnect(silentSeconds: 10, consecutive: 1, report: true))
    }

    @Test("ticks keep it quiet; a connection without ticks is silent from the connection")
    func ticksKeepItQuiet() {
        var watchdog = FeedWatchdog(silenceSeconds: 5)
        watchdog.connected(at: ten)
        for second in 1...30 {
            watchdog.tickArrived(at: ten.addingTimeInterval(Double(second)))
            #expect(watchdog.check(at: ten.addingTimeInterval(Double(second) + 4.5)) == .none)
        }
        var fresh = FeedWatchdog(silenceSeconds: 5)
        fresh.connected(at: ten)
        #expect(fresh.check(at: ten.addingTimeInterval(5)) == .reconnect(silentSeconds: 5, consecutive: 1, report: true))
    }

    @Test("closed market: never silent; at the open the window starts at 09:15, not at the overnight connection")
    func closedMarket() {
        var watchdog = FeedWatchdog(silenceSeconds: 10)
        let evening = istInstant(2025, 9, 9, 20, 0)
        watchdog.connected(at: evening)
        watchdog.tickArrived(at: istInstant(2025, 9, 9, 15, 29))
        #expect(watchdog.check(at: istInstant(2025, 9, 10, 8, 0)) == .none)
        #expect(watchdog.check(at: istInstant(2025, 9, 10, 9, 15, 9)) == .none)
        #expect(watchdog.check(at: istInstant(2025, 9, 10, 9, 15, 10)) == .reconnect(silentSeconds: 10, consecutive: 1, report: true))
        var weekend = FeedWatchdog(silenceSeconds: 10)
        weekend.connected(at: istInstant(2025, 9, 13, 10, 0))
        #expect(weekend.check(at: istInstant(2025, 9, 13, 11, 0)) == .none)
    }
}
