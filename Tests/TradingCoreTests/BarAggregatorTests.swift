import Foundation
import Testing
import TradingCore

@Suite("BarAggregator")
struct BarAggregatorTests {
    private func tick(_ at: Date, _ paise: Int64, _ volume: Int64 = 0) -> Tick {
        Tick(symbol: "NIFTY", timestamp: at, lastPrice: Paise(paise), volume: volume)
    }

    @Test("ticks within a minute build OHLCV; the first tick of the next minute closes and returns the bar")
    func buildsAndClosesBar() throws {
        var aggregator = BarAggregator(symbol: "NIFTY")
        let open = istInstant(2026, 11, 23, 9, 15)   // session open, Monday
        #expect(aggregator.add(tick(open, 2_473_405, 75)) == nil)                       // O 24734.05
        #expect(aggregator.add(tick(open.addingTimeInterval(20), 2_474_000, 150)) == nil)  // H 24740.00
        #expect(aggregator.add(tick(open.addingTimeInterval(40), 2_473_010, 75)) == nil)   // L 24730.10
        #expect(aggregator.add(tick(open.addingTimeInterval(59.999), 2_473_500, 0)) == nil) // C 24735.00
        let working = try #require(aggregator.current)
        #expect(working.close == Paise(2_473_500))

        let closing = aggregator.add(tick(open.addingTimeInterval(60), 2_473_600, 25))
        let closed = try #require(closing)
        #expect(closed == makeBar("NIFTY", start: open, open: 2_473_405, high: 2_474_000, low: 2_473_010,
                                  close: 2_473_500, volume: 300))                      // 75 + 150 + 75 + 0
        // The closing tick opens the 09:16 bar.
        let next = try #require(aggregator.current)
        #expect(next.start == istInstant(2026, 11, 23, 9, 16))
        #expect(next.open == Paise(2_473_600) && next.high == next.open && next.low == next.open && next.close == next.open)
        #expect(next.volume == 25)
        #expect(aggregator.lateTicks == 0)
    }

    @Test("the very first tick returns nil and opens a bar at its minute")
    func firstTick() throws {
        var aggregator = BarAggregator(symbol: "BANKNIFTY")
        #expect(aggregator.current == nil)
        #expect(aggregator.add(Tick(symbol: "BANKNIFTY", timestamp: istInstant(2026, 11, 23, 9, 15, 37),
                                    lastPrice: Paise(5_000_000), volume: 30)) == nil)
        let bar = try #require(aggregator.current)
        #expect(bar.symbol == "BANKNIFTY")
        #expect(bar.start == istInstant(2026, 11, 23, 9, 15))
    }

    @Test("a late tick is ignored and counted; the open bar is unchanged")
    func lateTick() throws {
        var aggregator = BarAggregator(symbol: "NIFTY")
        let t0 = istInstant(2026, 11, 23, 9, 15)
        _ = aggregator.add(tick(t0.addingTimeInterval(10), 2_473_405, 75))
        _ = aggregator.add(tick(t0.addingTimeInterval(61), 2_473_500, 75))        // closes 09:15, opens 09:16
        let before = try #require(aggregator.current)
        // A tick stamped 09:15:30 arrives after the 09:15 bar was closed: late.
        #expect(aggregator.add(tick(t0.addingTimeInterval(30), 1_000_000, 999)) == nil)
        #expect(aggregator.lateTicks == 1)
        #expect(aggregator.current == before)
        #expect(aggregator.add(tick(t0.addingTimeInterval(-3600), 1_000_000, 1)) == nil)
        #expect(aggregator.lateTicks == 2)
        #expect(aggregator.current == before)
        // An in-minute tick still updates the open bar.
        #expect(aggregator.add(tick(t0.addingTimeInterval(90), 2_473_800, 75)) == nil)
        #expect(aggregator.current?.high == Paise(2_473_800))
        #expect(aggregator.current?.volume == 150)
        #expect(aggregator.lateTicks == 2)
    }

    @Test("an empty minute produces no bar; the next bar starts at its own minute")
    func gapProducesNoEmptyBar() throws {
        var aggregator = BarAggregator(symbol: "NIFTY")
        let t0 = istInstant(2026, 11, 23, 9, 16)
        _ = aggregator.add(tick(t0.addingTimeInterval(5), 2_473_405))
        let closing = aggregator.add(tick(istInstant(2026, 11, 23, 9, 18, 5), 2_473_500))
        let closed = try #require(closing)
        #expect(closed.start == t0)
        #expect(aggregator.current?.start == istInstant(2026, 11, 23, 9, 18))  // 09:17 skipped
    }

    @Test("1-minute intervals align to the minute, so 09:15 IST is a boundary", arguments: [
        (9, 15, 0, 0, 9, 15),      // exactly the open
        (9, 15, 37, 0, 9, 15),
        (9, 15, 59, 999, 9, 15),   // 09:15:59.999 still belongs to 09:15
        (9, 16, 0, 0, 9, 16),
        (9, 14, 59, 999, 9, 14),   // pre-open tick belongs to 09:14, not to the open bar
        (15, 29, 59, 0, 15, 29),
    ])
    func alignment(h: Int, m: Int, s: Int, ms: Int, eh: Int, em: Int) {
        let aggregator = BarAggregator(symbol: "NIFTY")
        let start = aggregator.intervalStart(of: istInstant(2026, 11, 23, h, m, s, millis: ms))
        #expect(start == istInstant(2026, 11, 23, eh, em))
        #expect(start.timeIntervalSince1970.truncatingRemainder(dividingBy: 60) == 0)
    }

    @Test("5- and 15-minute intervals also start at 09:15 IST")
    func multiMinuteAlignment() {
        // 09:15 IST = 03:45 UTC = 225 minutes after UTC midnight; 225 is a multiple of 5 and 15.
        let five = BarAggregator(symbol: "NIFTY", intervalSeconds: 300)
        #expect(five.intervalStart(of: istInstant(2026, 11, 23, 9, 19, 59)) == istInstant(2026, 11, 23, 9, 15))
        #expect(five.intervalStart(of: istInstant(2026, 11, 23, 9, 20)) == istInstant(2026, 11, 23, 9, 20))
        let fifteen = BarAggregator(symbol: "NIFTY", intervalSeconds: 900)
        #expect(fifteen.intervalStart(of: istInstant(2026, 11, 23, 9, 29, 59)) == istInstant(2026, 11, 23, 9, 15))
        #expect(fifteen.intervalStart(of: istInstant(2026, 11, 23, 9, 30)) == istInstant(2026, 11, 23, 9, 30))
    }

    @Test("a full session of one tick per second yields 375 one-minute bars 09:15…15:29")
    func fullSession() {
        var aggregator = BarAggregator(symbol: "NIFTY")
        let open = istInstant(2026, 11, 23, 9, 15)
        var bars: [Bar] = []
        for second in 0..<(375 * 60 + 1) {   // the tick at 15:30:00 closes the 15:29 bar
            if let bar = aggregator.add(tick(open.addingTimeInterval(Double(second)), 2_473_405, 1)) { bars.append(bar) }
        }
        #expect(bars.count == 375)                                  // (15:30 − 09:15) = 6h15m = 375 minutes
        #expect(bars.first?.start == open)
        #expect(bars.last?.start == istInstant(2026, 11, 23, 15, 29))
        #expect(bars.allSatisfy { $0.volume == 60 })
        #expect(aggregator.lateTicks == 0)
    }

    @Test("75-minute bars (which 09:15-aligned sessions need) start at the open, not at a UTC multiple")
    func sessionAnchoredAlignment() throws {
        let aggregator = BarAggregator(symbol: "NIFTY", timeframe: try #require(Timeframe("75m")))
        #expect(aggregator.intervalStart(of: istInstant(2026, 11, 23, 10, 29, 59)) == istInstant(2026, 11, 23, 9, 15))
        #expect(aggregator.intervalStart(of: istInstant(2026, 11, 23, 10, 30)) == istInstant(2026, 11, 23, 10, 30))
        #expect(aggregator.intervalStart(of: istInstant(2026, 11, 23, 15, 29)) == istInstant(2026, 11, 23, 14, 15))
    }

    @Test("1-second and 5-second bars close on the next interval's tick with the right OHLCV")
    func subMinuteBars() throws {
        var five = BarAggregator(symbol: "NIFTY", timeframe: .fiveSeconds)
        let open = istInstant(2026, 11, 23, 9, 15)
        #expect(five.add(tick(open.addingTimeInterval(0.2), 100, 1)) == nil)
        #expect(five.add(tick(open.addingTimeInterval(4.9), 105, 2)) == nil)
        let closedBar = five.add(tick(open.addingTimeInterval(5), 103, 3))
        let closed = try #require(closedBar)
        #expect(closed == makeBar("NIFTY", start: open, open: 100, high: 105, low: 100, close: 105, volume: 3))
        var one = BarAggregator(symbol: "NIFTY", timeframe: .oneSecond)
        _ = one.add(tick(open.addingTimeInterval(0.5), 100, 1))
        let secondBar = one.add(tick(open.addingTimeInterval(1.0), 101, 1))
        let second = try #require(secondBar)
        #expect(second.start == open && second.close == Paise(100))
        #expect(one.current?.start == open.addingTimeInterval(1))
    }

    @Test("an out-of-order tick inside the open interval moves high/low/volume but not the close")
    func outOfOrderTick() throws {
        var aggregator = BarAggregator(symbol: "NIFTY")
        let t0 = istInstant(2026, 11, 23, 9, 20)
        _ = aggregator.add(tick(t0.addingTimeInterval(10), 2_000, 1))
        _ = aggregator.add(tick(t0.addingTimeInterval(40), 2_010, 1))
        _ = aggregator.add(tick(t0.addingTimeInterval(20), 1_990, 5))      // arrives after the 09:20:40 tick
        let bar = try #require(aggregator.current)
        #expect(bar.low == Paise(1_990))
        #expect(bar.close == Paise(2_010))                                 // still the latest by exchange time
        #expect(bar.volume == 7)
        #expect(aggregator.outOfOrderTicks == 1)
        #expect(aggregator.lateTicks == 0)
    }

    @Test("flush closes a quiet bar only after its end plus the grace; ticks for it afterwards are late")
    func flushClosesQuietBar() throws {
        var aggregator = BarAggregator(symbol: "NIFTY", timeframe: .oneMinute, graceSeconds: 2)
        let t0 = istInstant(2026, 11, 23, 9, 30)
        #expect(aggregator.flush(at: t0) == nil)                           // nothing open
        _ = aggregator.add(tick(t0.addingTimeInterval(5), 2_000, 1))
        #expect(aggregator.flush(at: t0.addingTimeInterval(60)) == nil)    // within grace
        #expect(aggregator.flush(at: t0.addingTimeInterval(61.9)) == nil)
        let flushedBar = aggregator.flush(at: t0.addingTimeInterval(62))
        let flushed = try #require(flushedBar)
        #expect(flushed.start == t0 && flushed.close == Paise(2_000))
        #expect(aggregator.current == nil)
        #expect(aggregator.flush(at: t0.addingTimeInterval(120)) == nil)   // flushed once only
        #expect(aggregator.add(tick(t0.addingTimeInterval(59), 1_000, 1)) == nil)
        #expect(aggregator.lateTicks == 1)
        #expect(aggregator.current == nil)
        // The next minute's tick opens a fresh bar.
        #expect(aggregator.add(tick(t0.addingTimeInterval(63), 2_001, 1)) == nil)
        #expect(aggregator.current?.start == t0.addingTimeInterval(60))
    }

    @Test("timeframes parse from their labels; intervals that do not divide a day are refused",
          arguments: [("1s", 1), ("5s", 5), ("1m", 60), ("15m", 900), ("75m", 4500), ("1h", 3600)])
    func timeframeParsing(label: String, seconds: Int) throws {
        let timeframe = try #require(Timeframe(label))
        #expect(timeframe.seconds == seconds)
        #expect(timeframe.label == label)
    }

    @Test("bad timeframe labels are refused", arguments: ["", "m", "0s", "-5s", "7s", "1d", "1.5m", "13m"])
    func badTimeframes(label: String) {
        #expect(Timeframe(label) == nil)
    }
}
