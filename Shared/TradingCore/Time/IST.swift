import Foundation

/// India Standard Time: UTC+05:30, no daylight saving. Everything is stored in UTC and
/// shown and scheduled in IST.
public enum IST {
    public static let offsetSeconds = 5 * 3600 + 30 * 60
    public static let timeZone = TimeZone(secondsFromGMT: offsetSeconds)!

    public static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The IST calendar day of an instant, as `yyyy-MM-dd`.
    public static func dayString(_ date: Date) -> String {
        let seconds = (date.timeIntervalSince1970 + Double(offsetSeconds)).rounded(.down)
        let (year, month, day) = CivilCalendar.date(days: Int64((seconds / 86_400).rounded(.down)))
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
    }

    /// Minutes since IST midnight.
    public static func minuteOfDay(_ date: Date) -> Int {
        let seconds = Int((date.timeIntervalSince1970 + Double(offsetSeconds)).rounded(.down))
        return ((seconds % 86_400) + 86_400) % 86_400 / 60
    }

    /// Monday…Friday in IST (holidays and special sessions: `TradingCalendar`).
    public static func isWeekday(_ date: Date) -> Bool {
        let weekday = calendar.component(.weekday, from: date)
        return weekday != 1 && weekday != 7
    }

    /// The instant of `hour:minute` IST on the IST day containing `date`.
    public static func instant(onDayOf date: Date, hour: Int, minute: Int) -> Date {
        let seconds = (date.timeIntervalSince1970 + Double(offsetSeconds)).rounded(.down)
        let midnightIST = (seconds / 86_400).rounded(.down) * 86_400 - Double(offsetSeconds)
        return Date(timeIntervalSince1970: midnightIST + Double(hour * 3600 + minute * 60))
    }

    /// `yyyy-MM-ddTHH:mm:ss+05:30`: an instant as shown to people.
    public static func isoString(_ date: Date) -> String {
        let seconds = Int64((date.timeIntervalSince1970 + Double(offsetSeconds)).rounded(.down))
        let day = Int64((Double(seconds) / 86_400).rounded(.down))
        let second = seconds - day * 86_400
        let (year, month, dayOfMonth) = CivilCalendar.date(days: day)
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(dayOfMonth, 2) + "T" + padded(second / 3600, 2) + ":"
            + padded(second % 3600 / 60, 2) + ":" + padded(second % 60, 2) + "+05:30"
    }

    /// `value` in decimal, zero-padded on the left to `width` digits (as `%0Nd`).
    static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let pad = String(repeating: "0", count: max(0, width - digits.count - (value < 0 ? 1 : 0)))
        return (value < 0 ? "-" : "") + pad + digits
    }
}
