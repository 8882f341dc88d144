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

    /// The next instant of simulated session time `seconds` after `date`: within the session
    /// it is `date + seconds`; at or past 15:30 IST (or on a weekend) it is 09:15 IST of the next weekday
    /// (holidays are the trading calendar's concern). A dry run walks sessions with this.
    public static func advance(_ date: Date, bySeconds seconds: Double) -> Date {
        let next = date.addingTimeInterval(seconds)
        if IST.isWeekday(next) && isInSession(next) && next < close(onDayOf: next) { return next }
        var day = IST.instant(onDayOf: next, hour: 9, minute: 15)
        if next >= day { day = IST.instant(onDayOf: day.addingTimeInterval(86_400), hour: 9, minute: 15) }
        while !IST.isWeekday(day) { day = IST.instant(onDayOf: day.addingTimeInterval(86_400), hour: 9, minute: 15) }
        return day
    }

    /// 15:30 IST of the first `weekday` (1 = Sunday … 7 = Saturday) whose close is after
    /// `date`: the simulator's weekly expiry (NIFTY's weeklies expire on Tuesdays).
    public static func nextWeeklyExpiry(after date: Date, weekday: Int) -> Date {
        var close = close(onDayOf: date)
        while close <= date || IST.calendar.component(.weekday, from: close) != weekday {
            close = NSESession.close(onDayOf: close.addingTimeInterval(86_400))
        }
        return close
    }
}
