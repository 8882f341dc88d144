import Foundation

/// When a job fires on a day with a full session, in minutes since IST midnight.
public enum JobTiming: Hashable, Sendable, Codable {
    /// Once a day at `minute` (`"15:25"`).
    case daily(minute: Int)
    /// Every `interval` minutes from `from` to `to` inclusive (`"09:15-15:30/1"`).
    case every(interval: Int, from: Int, to: Int)
    /// At `minute` on the week's first day with a full session: Monday, or the next trading
    /// day of that week when Monday is a holiday (`"MON 09:00"`).
    case weekStart(minute: Int)

    /// Parses the three config forms above; nil for anything else.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.uppercased().hasPrefix("MON ") {
            guard let minute = TradingCalendarParser.minute(String(trimmed.dropFirst(4)).trimmingCharacters(in: .whitespaces)) else { return nil }
            self = .weekStart(minute: minute)
        } else if let dash = trimmed.firstIndex(of: "-") {
            let rest = trimmed[trimmed.index(after: dash)...].split(separator: "/", omittingEmptySubsequences: false)
            guard rest.count == 2, let from = TradingCalendarParser.minute(String(trimmed[..<dash])),
                  let to = TradingCalendarParser.minute(String(rest[0])), let interval = Int(rest[1]),
                  interval >= 1, from <= to else { return nil }
            self = .every(interval: interval, from: from, to: to)
        } else {
            guard let minute = TradingCalendarParser.minute(trimmed) else { return nil }
            self = .daily(minute: minute)
        }
    }

    /// The job's minutes on `day`, ascending; empty on a day without a full session.
    public func minutes(onDay day: Int64, calendar: TradingCalendar) -> [Int] {
        guard calendar.hasFullSession(day) else { return [] }
        switch self {
        case .daily(let minute): return [minute]
        case .every(let interval, let from, let to): return Array(stride(from: from, through: to, by: interval))
        case .weekStart(let minute): return calendar.isFirstFullSessionOfWeek(day) ? [minute] : []
        }
    }

    /// True for a job that fires many times a day (a missed slot is superseded by the next).
    public var isRepeating: Bool {
        if case .every = self { return true }
        return false
    }

    /// The first minute of the day it can fire.
    public var firstMinute: Int {
        switch self {
        case .daily(let minute), .weekStart(let minute): return minute
        case .every(_, let from, _): return from
        }
    }

    /// The config form.
    public var text: String {
        switch self {
        case .daily(let minute): return Self.hhmm(minute)
        case .every(let interval, let from, let to): return "\(Self.hhmm(from))-\(Self.hhmm(to))/\(interval)"
        case .weekStart(let minute): return "MON \(Self.hhmm(minute))"
        }
    }

    public static func hhmm(_ minute: Int) -> String {
        let hour = minute / 60, rest = minute % 60
        return (hour < 10 ? "0" : "") + "\(hour):" + (rest < 10 ? "0" : "") + "\(rest)"
    }
}
