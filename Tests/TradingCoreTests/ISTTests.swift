import Foundation
import Testing
import TradingCore

@Suite("IST")
struct ISTTests {
    @Test("offset is +05:30 with no DST")
    func offset() {
        #expect(IST.offsetSeconds == 19_800)   // 5 × 3600 + 30 × 60
        #expect(IST.timeZone.secondsFromGMT(for: utcInstant(2026, 1, 15)) == 19_800)
        #expect(IST.timeZone.secondsFromGMT(for: utcInstant(2026, 7, 15)) == 19_800)
    }

    @Test("dayString is the IST calendar day")
    func dayString() {
        #expect(IST.dayString(utcInstant(2026, 11, 22, 18, 30)) == "2026-11-23")      // 00:00 IST Monday
        #expect(IST.dayString(utcInstant(2026, 11, 22, 18, 29, 59)) == "2026-11-22")  // 23:59:59 IST Sunday
        #expect(IST.dayString(utcInstant(2026, 11, 23, 3, 45)) == "2026-11-23")
        #expect(IST.dayString(utcInstant(2026, 1, 1, 0, 0)) == "2026-01-01")          // 05:30 IST
        #expect(IST.dayString(utcInstant(2025, 12, 31, 18, 30)) == "2026-01-01")      // new year in IST first
    }

    @Test("minuteOfDay counts minutes since IST midnight", arguments: [
        (utcInstant(2026, 11, 23, 3, 45), 555),       // 09:15 IST = 9 × 60 + 15
        (utcInstant(2026, 11, 23, 3, 0), 510),        // 08:30 IST
        (utcInstant(2026, 11, 23, 9, 55), 925),       // 15:25 IST = 15 × 60 + 25
        (utcInstant(2026, 11, 23, 10, 0), 930),       // 15:30 IST
        (utcInstant(2026, 11, 22, 18, 30), 0),        // IST midnight
        (utcInstant(2026, 11, 22, 18, 29, 59), 1_439),// 23:59:59 IST
        (utcInstant(2026, 11, 23, 3, 45, 59), 555),   // seconds are dropped
        (utcInstant(1969, 12, 31, 18, 29), 1_439),    // before the epoch: 23:59 IST on 1969-12-31
    ])
    func minuteOfDay(date: Date, minute: Int) {
        #expect(IST.minuteOfDay(date) == minute)
    }

    @Test("isWeekday uses the IST day, not the UTC day")
    func weekday() {
        #expect(IST.isWeekday(istInstant(2026, 11, 23, 9, 15)))        // Monday
        #expect(IST.isWeekday(istInstant(2026, 11, 27, 23, 59)))       // Friday night
        #expect(!IST.isWeekday(istInstant(2026, 11, 28, 0, 0)))        // Saturday 00:00 IST …
        #expect(!IST.isWeekday(utcInstant(2026, 11, 27, 18, 30)))      // … which is still Friday 18:30 UTC
        #expect(!IST.isWeekday(istInstant(2026, 11, 29, 12)))          // Sunday
        #expect(IST.isWeekday(utcInstant(2026, 11, 29, 18, 30)))       // Sunday 18:30 UTC = Monday 00:00 IST
    }

    @Test("instant(onDayOf:hour:minute:) picks the IST day of the given instant")
    func instantOnDay() {
        // 2026-11-23T20:00Z is 2026-11-24 01:30 IST → 09:15 IST that day = 2026-11-24T03:45Z
        #expect(IST.instant(onDayOf: utcInstant(2026, 11, 23, 20), hour: 9, minute: 15) == utcInstant(2026, 11, 24, 3, 45))
        // 2026-11-23T10:00Z is 15:30 IST the same day → 08:30 IST = 03:00Z
        #expect(IST.instant(onDayOf: utcInstant(2026, 11, 23, 10), hour: 8, minute: 30) == utcInstant(2026, 11, 23, 3))
        #expect(IST.instant(onDayOf: istInstant(2026, 11, 23, 23, 59, 59), hour: 0, minute: 0) == istInstant(2026, 11, 23))
        #expect(IST.instant(onDayOf: istInstant(2026, 11, 23), hour: 0, minute: 0) == utcInstant(2026, 11, 22, 18, 30))
    }
}
