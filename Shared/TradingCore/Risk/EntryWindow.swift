import Foundation

/// The entry window on the signal's bar time (not the wall clock: replayed and simulated bars
/// carry their own market time). Entries for bars starting in [start, end) IST on a weekday.
public enum EntryWindow {
    public static func contains(_ barStart: Date, startMinute: Int, endMinute: Int) -> Bool {
        let minute = IST.minuteOfDay(barStart)
        return IST.isWeekday(barStart) && minute >= startMinute && minute < endMinute
    }

    public static func label(_ minute: Int) -> String {
        (minute / 60 < 10 ? "0" : "") + "\(minute / 60):" + (minute % 60 < 10 ? "0" : "") + "\(minute % 60)"
    }
}
