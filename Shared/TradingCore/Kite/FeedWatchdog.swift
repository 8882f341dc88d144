import Foundation

/// Decides when a live feed has gone silent: no tick for `silenceSeconds` while the NSE
/// session is open (09:15–15:30 IST, Monday to Friday). Pure: the shell feeds it the
/// instants it reads from its clock.
///
/// The silence window starts at the later of the connection, the last tick and today's
/// 09:15 IST, so a connection made overnight is not called silent at the open. When
/// `check` finds a silence it returns `.reconnect` and restarts the window at `now`, so a
/// feed that stays silent is reconnected once per window, not on every check. Only the
/// first silence of a streak (until the next tick) asks to be reported, so a feed that
/// stays dead — a trading holiday on a weekday, say — raises one risk event, not one per
/// window; `consecutive` says how many windows the streak has lasted.
public struct FeedWatchdog: Hashable, Sendable {
    public enum Action: Hashable, Sendable {
        case none
        /// Close the connection and reconnect. `silentSeconds` is measured from the last tick
        /// (or the connection, or the session open, whichever is latest).
        case reconnect(silentSeconds: Int, consecutive: Int, report: Bool)
    }

    /// NSE cash/F&O session in minutes since IST midnight: [09:15, 15:30).
    public static let sessionOpenMinute = 9 * 60 + 15
    public static let sessionCloseMinute = 15 * 60 + 30

    public let silenceSeconds: Double
    /// The last tick, if any arrived.
    public private(set) var lastTick: Date?
    /// Where the current silence window starts (connection, tick or last reconnect).
    public private(set) var windowStart: Date?
    /// Silences in a row since the last tick.
    public private(set) var consecutiveSilences = 0

    public init(silenceSeconds: Double) {
        self.silenceSeconds = silenceSeconds
    }

    /// True on a weekday between 09:15 (inclusive) and 15:30 (exclusive) IST.
    public static func isMarketOpen(at date: Date) -> Bool {
        guard IST.isWeekday(date) else { return false }
        let minute = IST.minuteOfDay(date)
        return minute >= sessionOpenMinute && minute < sessionCloseMinute
    }

    /// A (new) connection is up: the silence window starts now.
    public mutating func connected(at date: Date) {
        windowStart = date
    }

    /// A tick arrived: the window restarts and the streak of silences ends.
    public mutating func tickArrived(at date: Date) {
        lastTick = date
        windowStart = date
        consecutiveSilences = 0
    }

    /// What to do at `now`; a `.reconnect` restarts the window at `now`.
    public mutating func check(at now: Date) -> Action {
        guard Self.isMarketOpen(at: now), let windowStart else { return .none }
        let open = IST.instant(onDayOf: now, hour: 9, minute: 15)
        let since = max(windowStart, open)
        guard now.timeIntervalSince(since) >= silenceSeconds else { return .none }
        let silentFrom = max(lastTick ?? windowStart, open)
        consecutiveSilences += 1
        self.windowStart = now
        return .reconnect(silentSeconds: Int(now.timeIntervalSince(silentFrom).rounded(.down)),
                          consecutive: consecutiveSilences, report: consecutiveSilences == 1)
    }
}
