import Foundation

/// The executor's second line of defence: if no `eod.flatten` job arrived for today by
/// `fallbackMinute` (15:26 IST) on a full-session day, flatten on its own, once per day.
/// Pure: the shell reports the jobs it received and asks `check(now:)` every second.
public struct EndOfDayFallback: Sendable {
    public enum Decision: Hashable, Sendable {
        case wait
        /// Flatten now, for IST day `day`: no `eod.flatten` arrived.
        case flatten(day: Int64)
    }

    public let calendar: TradingCalendar
    public let fallbackMinute: Int
    public private(set) var jobArrivedDay: Int64?
    public private(set) var handledDay: Int64?

    public init(calendar: TradingCalendar, fallbackMinute: Int = 15 * 60 + 26) {
        self.calendar = calendar
        self.fallbackMinute = fallbackMinute
    }

    /// An `eod.flatten` job for `tradingDay` (`yyyy-MM-dd`) arrived.
    public mutating func jobArrived(tradingDay: String) {
        if let day = TradingCalendar.day(fromString: tradingDay) { jobArrivedDay = day }
    }

    public mutating func check(now: Date) -> Decision {
        let day = NSESession.dayNumber(now)
        guard calendar.hasFullSession(day), IST.minuteOfDay(now) >= fallbackMinute,
              jobArrivedDay != day, handledDay != day else { return .wait }
        handledDay = day
        return .flatten(day: day)
    }

    /// The fallback flatten did not complete: try again at the next check.
    public mutating func flattenFailed(day: Int64) {
        if handledDay == day { handledDay = nil }
    }
}
