import Foundation

/// Listed market events (RBI policy, CPI, results), NSE holidays, and each underlying's expiry
/// rule. Answers "event within N minutes" and "expiry day" for an instant; pure arithmetic on
/// IST day numbers, no clock.
public struct EventCalendar: Hashable, Sendable {
    public var events: [MarketEvent]
    /// IST day numbers (`NSESession.dayNumber`) of trading holidays.
    public var holidays: Set<Int64>
    /// IST day numbers of extra expiry days listed by hand.
    public var listedExpiries: Set<Int64>
    public var expiryRules: [String: ExpiryRule]

    public init(events: [MarketEvent] = [], expiryRules: [String: ExpiryRule] = [:]) {
        self.events = events.filter { $0.kind != .holiday && $0.kind != .expiry }.sorted { $0.at < $1.at }
        self.holidays = Set(events.filter { $0.kind == .holiday }.map { NSESession.dayNumber($0.at) })
        self.listedExpiries = Set(events.filter { $0.kind == .expiry }.map { NSESession.dayNumber($0.at) })
        self.expiryRules = expiryRules
    }

    public static let empty = EventCalendar()

    /// The calendar as a strategy sees it at `now` for `symbol`.
    public func proximity(at now: Date, symbol: String, lookaheadMinutes: Int) -> EventProximity {
        let window = Double(lookaheadMinutes * 60)
        let nearest = events.filter { $0.concerns(symbol) && abs($0.at.timeIntervalSince(now)) <= window }
            .min { abs($0.at.timeIntervalSince(now)) < abs($1.at.timeIntervalSince(now)) }
        let minutes = nearest.map { Int(($0.at.timeIntervalSince(now) / 60).rounded()) }
        return EventProximity(nearestEvent: nearest, minutesToEvent: minutes, isExpiryDay: isExpiryDay(now, symbol: symbol))
    }

    public func isTradingDay(_ day: Int64) -> Bool {
        let weekday = Self.weekday(ofDay: day)
        return weekday != 1 && weekday != 7 && !holidays.contains(day)
    }

    /// True when `date`'s IST day is a (holiday-shifted) weekly or monthly expiry of `symbol`.
    public func isExpiryDay(_ date: Date, symbol: String) -> Bool {
        let day = NSESession.dayNumber(date)
        if listedExpiries.contains(day) { return true }
        guard let rule = expiryRules[symbol], isTradingDay(day) else { return false }
        if let weekly = rule.weeklyWeekday {
            let scheduled = day - Int64(Self.weekday(ofDay: day)) + Int64(weekly)
            if shiftedToTradingDay(scheduled) == day || shiftedToTradingDay(scheduled + 7) == day { return true }
        }
        if let monthly = rule.monthlyWeekday {
            if shiftedToTradingDay(Self.lastWeekday(monthly, ofMonthContaining: day)) == day { return true }
        }
        return false
    }

    /// The day itself when it trades, else the nearest earlier trading day.
    func shiftedToTradingDay(_ day: Int64) -> Int64 {
        var candidate = day
        while !isTradingDay(candidate) { candidate -= 1 }
        return candidate
    }

    /// 1 = Sunday … 7 = Saturday; day 0 (1970-01-01) was a Thursday.
    static func weekday(ofDay day: Int64) -> Int {
        Int(((day + 4) % 7 + 7) % 7) + 1
    }

    static func lastWeekday(_ weekday: Int, ofMonthContaining day: Int64) -> Int64 {
        let calendar = IST.calendar
        let date = Date(timeIntervalSince1970: Double(day) * 86_400 + 43_200 - Double(IST.offsetSeconds))
        let range = calendar.range(of: .day, in: .month, for: date)!
        let dayOfMonth = Int64(calendar.component(.day, from: date))
        var last = day - dayOfMonth + Int64(range.count)
        while Self.weekday(ofDay: last) != weekday { last -= 1 }
        return last
    }
}
