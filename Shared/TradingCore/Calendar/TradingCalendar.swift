import Foundation

/// The one NSE trading calendar: weekends, holidays and special sessions (from the yearly
/// data files), and each underlying's F&O expiry days. Pure arithmetic on IST day numbers
/// (`NSESession.dayNumber`, days since 1970-01-01); used by the scheduler, the executor's
/// end-of-day fallback, the strategies and risk.
public struct TradingCalendar: Hashable, Sendable {
    /// IST day number → the holiday's name.
    public var holidays: [Int64: String]
    /// IST day number → a special session (on a holiday or a weekend).
    public var specialSessions: [Int64: SpecialSession]
    public var expiryRules: [String: ExpiryRule]
    /// Extra expiry days listed by hand (exceptions to the rules).
    public var listedExpiries: Set<Int64>
    /// The years whose holiday list was loaded: outside them only weekends are known.
    public var years: Set<Int>

    public init(holidays: [Int64: String] = [:], specialSessions: [SpecialSession] = [], expiryRules: [String: ExpiryRule] = [:],
                listedExpiries: Set<Int64> = [], years: Set<Int> = []) {
        self.holidays = holidays
        self.specialSessions = Dictionary(specialSessions.map { ($0.day, $0) }, uniquingKeysWith: { first, _ in first })
        self.expiryRules = expiryRules
        self.listedExpiries = listedExpiries
        self.years = years
    }

    /// Both calendars' days and rules (`other` wins on a clash).
    public func merging(_ other: TradingCalendar) -> TradingCalendar {
        var merged = self
        merged.holidays.merge(other.holidays) { _, new in new }
        merged.specialSessions.merge(other.specialSessions) { _, new in new }
        merged.expiryRules.merge(other.expiryRules) { _, new in new }
        merged.listedExpiries.formUnion(other.listedExpiries)
        merged.years.formUnion(other.years)
        return merged
    }

    // MARK: Days

    /// True when a holiday list for `year` was loaded.
    public func covers(year: Int) -> Bool { years.contains(year) }

    /// Saturday or Sunday.
    public static func isWeekend(_ day: Int64) -> Bool {
        let weekday = weekday(ofDay: day)
        return weekday == 1 || weekday == 7
    }

    /// A weekday that is not a holiday: the days on which expiries may fall.
    public func isRegularTradingDay(_ day: Int64) -> Bool {
        !Self.isWeekend(day) && holidays[day] == nil
    }

    /// The day's session: a special session when one is listed, the regular 09:15–15:30 on a
    /// regular trading day, nil when the market is closed.
    public func session(onDay day: Int64) -> SessionHours? {
        if let special = specialSessions[day] { return special.hours }
        return isRegularTradingDay(day) ? .regular : nil
    }

    /// The market is open at some time of the day.
    public func isTradingDay(_ day: Int64) -> Bool { session(onDay: day) != nil }

    /// The market is open 09:15–15:30: the days the scheduled jobs run.
    public func hasFullSession(_ day: Int64) -> Bool { session(onDay: day)?.isRegular == true }

    /// The first trading day strictly after `day`.
    public func nextTradingDay(after day: Int64) -> Int64 {
        var candidate = day + 1
        while !isTradingDay(candidate) { candidate += 1 }
        return candidate
    }

    /// The last trading day strictly before `day`.
    public func previousTradingDay(before day: Int64) -> Int64 {
        var candidate = day - 1
        while !isTradingDay(candidate) { candidate -= 1 }
        return candidate
    }

    /// True when no earlier day of the same Monday–Sunday week has a full session.
    public func isFirstFullSessionOfWeek(_ day: Int64) -> Bool {
        guard hasFullSession(day) else { return false }
        let monday = day - Int64((Self.weekday(ofDay: day) + 5) % 7)
        return !(monday..<day).contains { hasFullSession($0) }
    }

    // MARK: Expiries

    /// True when `day` is a (holiday-shifted) weekly or monthly expiry of `symbol`.
    public func isExpiryDay(_ day: Int64, symbol: String) -> Bool {
        if listedExpiries.contains(day) { return true }
        guard let rule = expiryRules[symbol], isRegularTradingDay(day) else { return false }
        if let weekly = rule.weeklyWeekday {
            let scheduled = day - Int64(Self.weekday(ofDay: day)) + Int64(weekly)
            if shiftedToRegularTradingDay(scheduled) == day || shiftedToRegularTradingDay(scheduled + 7) == day { return true }
        }
        if let monthly = rule.monthlyWeekday {
            if shiftedToRegularTradingDay(Self.lastWeekday(monthly, ofMonthContaining: day)) == day { return true }
        }
        return false
    }

    /// The first expiry day of `symbol` on or after `day` (nil when it has no rule), within a year.
    public func nextExpiry(of symbol: String, onOrAfter day: Int64) -> Int64? {
        guard expiryRules[symbol] != nil || !listedExpiries.isEmpty else { return nil }
        return (day..<(day + 366)).first { isExpiryDay($0, symbol: symbol) }
    }

    /// Every expiry day of `symbol` in `from...to`.
    public func expiries(of symbol: String, from: Int64, to: Int64) -> [Int64] {
        guard from <= to else { return [] }
        return (from...to).filter { isExpiryDay($0, symbol: symbol) }
    }

    /// The day itself when it is a regular trading day, else the nearest earlier one.
    public func shiftedToRegularTradingDay(_ day: Int64) -> Int64 {
        var candidate = day
        while !isRegularTradingDay(candidate) { candidate -= 1 }
        return candidate
    }

    // MARK: Day arithmetic

    /// 1 = Sunday … 7 = Saturday; day 0 (1970-01-01) was a Thursday.
    public static func weekday(ofDay day: Int64) -> Int {
        Int(((day + 4) % 7 + 7) % 7) + 1
    }

    /// The last `weekday` of the month containing `day`.
    public static func lastWeekday(_ weekday: Int, ofMonthContaining day: Int64) -> Int64 {
        let (year, month, dayOfMonth) = CivilCalendar.date(days: day)
        var last = day - dayOfMonth + CivilCalendar.daysInMonth(year: year, month: month)
        while Self.weekday(ofDay: last) != weekday { last -= 1 }
        return last
    }

    /// `yyyy-MM-dd` → IST day number.
    public static func day(fromString text: String) -> Int64? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int64(parts[0]), let month = Int64(parts[1]), let day = Int64(parts[2]),
              (1...12).contains(month), (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        return CivilCalendar.days(year: year, month: month, day: day)
    }

    /// IST day number → `yyyy-MM-dd`.
    public static func dayString(_ day: Int64) -> String {
        let (year, month, dayOfMonth) = CivilCalendar.date(days: day)
        return String(format: "%04d-%02d-%02d", Int(year), Int(month), Int(dayOfMonth))
    }

    /// The year of an IST day number.
    public static func year(ofDay day: Int64) -> Int { Int(CivilCalendar.date(days: day).year) }

    /// The instant of `minute` (since IST midnight) on IST day `day`.
    public static func instant(day: Int64, minute: Int) -> Date {
        Date(timeIntervalSince1970: Double(day) * 86_400 + Double(minute * 60) - Double(IST.offsetSeconds))
    }
}
