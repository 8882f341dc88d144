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

    /// `yyyy-MM-ddTHH:mm:ss+05:30`: an instant as shown to people; with `fractions`, `.SSS` is
    /// added when the instant has a fraction of a second (rounded to the millisecond). Built from
    /// bytes: it writes every row of `equity.csv` and `trades.csv`.
    public static func isoString(_ date: Date, fractions: Bool = false) -> String {
        let local = date.timeIntervalSince1970 + Double(offsetSeconds)
        var whole = local.rounded(.down)
        var millis = fractions ? Int64(((local - whole) * 1000).rounded()) : 0
        if millis == 1000 { whole += 1; millis = 0 }
        let seconds = Int64(whole)
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let second = seconds - day * 86_400
        let (year, month, dayOfMonth) = CivilCalendar.date(days: day)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(29)
        func digits(_ value: Int64, _ width: Int) {
            var divisor: Int64 = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(48 + (rest / divisor) % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(year, 4); bytes.append(45); digits(month, 2); bytes.append(45); digits(dayOfMonth, 2); bytes.append(84)
        digits(second / 3600, 2); bytes.append(58); digits(second % 3600 / 60, 2); bytes.append(58); digits(second % 60, 2)
        if millis != 0 { bytes.append(46); digits(millis, 3) }
        bytes.append(contentsOf: Array("+05:30".utf8))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `value` in decimal, zero-padded on the left to `width` digits (as `%0Nd`).
    static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let pad = String(repeating: "0", count: max(0, width - digits.count - (value < 0 ? 1 : 0)))
        return (value < 0 ? "-" : "") + pad + digits
    }
}
