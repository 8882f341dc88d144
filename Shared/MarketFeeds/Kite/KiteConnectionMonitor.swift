import Foundation
import TradingCore

/// The watchdog shared by a connection's reader (ticks) and its checker (the clock), kept
/// across connections so a streak of silences is reported once.
actor KiteConnectionMonitor {
    private var watchdog: FeedWatchdog
    /// Whether the current connection delivered a tick (a healthy connection resets the backoff).
    private(set) var tickSeen = false
    /// Whether the current connection was closed because the feed went silent.
    private(set) var endedSilent = false

    init(silenceSeconds: Double) {
        watchdog = FeedWatchdog(silenceSeconds: silenceSeconds)
    }

    func connected(at date: Date) {
        tickSeen = false
        endedSilent = false
        watchdog.connected(at: date)
    }

    func ticksArrived(at date: Date) {
        tickSeen = true
        watchdog.tickArrived(at: date)
    }

    func markSilent() {
        endedSilent = true
    }

    func check(at date: Date) -> FeedWatchdog.Action {
        watchdog.check(at: date)
    }
}
