import Foundation
import Testing
import TradingCore

@Suite("NSESession")
struct NSESessionTests {
    @Test("seconds since 09:15 IST, clamped to the 375-minute session for elapsed time")
    func secondsSinceOpen() {
        #expect(NSESession.lengthSeconds == 22_500)
        #expect(NSESession.secondsSinceOpen(istInstant(2026, 11, 23, 9, 15)) == 0)
        #expect(NSESession.secondsSinceOpen(istInstant(2026, 11, 23, 12, 0, 30, millis: 250)) == 9_930.25)
        #expect(NSESession.secondsSinceOpen(istInstant(2026, 11, 23, 9, 0)) == -900)
        #expect(NSESession.elapsedSessionSeconds(istInstant(2026, 11, 23, 9, 0)) == 0)
        #expect(NSESession.elapsedSessionSeconds(istInstant(2026, 11, 23, 15, 45)) == 22_500)
        #expect(NSESession.elapsedSessionSeconds(istInstant(2026, 11, 23, 15, 30)) == 22_500)
    }

    @Test("in session from 09:15:00 to 15:30:00 IST inclusive")
    func inSession() {
        #expect(!NSESession.isInSession(istInstant(2026, 11, 23, 9, 14, 59)))
        #expect(NSESession.isInSession(istInstant(2026, 11, 23, 9, 15)))
        #expect(NSESession.isInSession(istInstant(2026, 11, 23, 15, 30)))
        #expect(!NSESession.isInSession(istInstant(2026, 11, 23, 15, 30, 1)))
        // 04:00 UTC is 09:30 IST.
        #expect(NSESession.isInSession(utcInstant(2026, 11, 23, 4, 0)))
    }

    @Test("the IST day number changes at IST midnight, not UTC midnight; close is 15:30 IST")
    func dayAndClose() {
        let day = NSESession.dayNumber(istInstant(2026, 11, 23, 0, 0))
        #expect(day == CivilCalendar.days(year: 2026, month: 11, day: 23))
        #expect(NSESession.dayNumber(istInstant(2026, 11, 23, 23, 59, 59)) == day)
        #expect(NSESession.dayNumber(istInstant(2026, 11, 22, 23, 59, 59)) == day - 1)
        // 20:00 UTC on the 22nd is 01:30 IST on the 23rd.
        #expect(NSESession.dayNumber(utcInstant(2026, 11, 22, 20, 0)) == day)
        #expect(NSESession.close(onDayOf: istInstant(2026, 11, 23, 2, 0)) == istInstant(2026, 11, 23, 15, 30))
    }
}
