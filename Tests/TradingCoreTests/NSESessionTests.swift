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

    @Test("advance walks session time: inside the session it adds, at 15:30 it jumps to the next weekday's open")
    func advanceWalksSessions() {
        let friday = istInstant(2026, 11, 27, 15, 29, 55)
        #expect(NSESession.advance(istInstant(2026, 11, 27, 9, 15), bySeconds: 5) == istInstant(2026, 11, 27, 9, 15, 5))
        #expect(NSESession.advance(friday, bySeconds: 4) == istInstant(2026, 11, 27, 15, 29, 59))
        #expect(NSESession.advance(friday, bySeconds: 5) == istInstant(2026, 11, 30, 9, 15))      // Friday close → Monday open
        #expect(NSESession.advance(istInstant(2026, 11, 24, 15, 29, 30), bySeconds: 60) == istInstant(2026, 11, 25, 9, 15))
        #expect(NSESession.advance(istInstant(2026, 11, 24, 7, 0), bySeconds: 5) == istInstant(2026, 11, 24, 9, 15))  // pre-open → open
        #expect(NSESession.advance(istInstant(2026, 11, 28, 11, 0), bySeconds: 5) == istInstant(2026, 11, 30, 9, 15)) // Saturday
    }

    @Test("the next weekly expiry is 15:30 IST of the next Tuesday, today's until its close")
    func weeklyExpiry() {
        let tuesday = 3
        #expect(NSESession.nextWeeklyExpiry(after: istInstant(2026, 11, 23, 10, 0), weekday: tuesday) == istInstant(2026, 11, 24, 15, 30))
        #expect(NSESession.nextWeeklyExpiry(after: istInstant(2026, 11, 24, 15, 29), weekday: tuesday) == istInstant(2026, 11, 24, 15, 30))
        #expect(NSESession.nextWeeklyExpiry(after: istInstant(2026, 11, 24, 15, 30), weekday: tuesday) == istInstant(2026, 12, 1, 15, 30))
    }
}
