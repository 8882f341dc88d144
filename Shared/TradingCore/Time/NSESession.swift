import Foundation

/// The NSE cash and F&O continuous session, 09:15–15:30 IST, as plain arithmetic on instants
/// (no calendar lookups, no holidays: those belong to the trading calendar).
public enum NSESession {
    /// 09:15 IST, in minutes since IST midnight.
    public static let openMinute = 9 * 60 + 15
    /// 15:30 IST, in minutes since IST midnight.
    public static let closeMinute = 15 * 60 + 30
    /// The session's length: 375 minutes.
    public static let lengthSeconds = Double((closeMinute - openMinute) * 60)

    /// Days since 1970-01-01 of the IST calendar day containing `date`.
    public static func dayNumber(_ date: Date) -> Int64 {
        Int64(((date.timeIntervalSince1970 + Double(IST.offsetSeconds)) / 86_400).rounded(.down))
    }

    /// Seconds from 09:15 IST of `date`'s IST day to `date`: negative before the open, above
    /// `lengthSeconds` after the close. Keeps fractions of a second.
    public static func secondsSinceOpen(_ date: Date) -> Double {
        let local = date.timeIntervalSince1970 + Double(IST.offsetSeconds)
        let secondOfDay = local - (local / 86_400).rounded(.down) * 86_400
        return secondOfDay - Double(openMinute * 60)
    }

    /// `secondsSinceOpen` clamped to the session, `0…lengthSeconds`: the trading time elapsed today.
    public static func elapsedSessionSeconds(_ date: Date) -> Double {
        min(max(secondsSinceOpen(date), 0), lengthSeconds)
    }

    /// True from 09:15:00 to 15:30:00 IST inclusive (any day of the week).
    public static func isInSession(_ date: Date) -> Bool {
        let seconds = secondsSinceOpen(date)
        return seconds >= 0 && seconds <= lengthSeconds
    }

    /// 15:30 IST on the IST day containing `date`: when NSE index options expire.
    public static func close(onDayOf date: Date) -> Date {
        IST.instant(onDayOf: date, hour: closeMinute / 60, minute: closeMinute % 60)
    }
}
