import Foundation
import Testing
import TradingCore

/// The real data files in deploy/config/calendar, parsed by the core.
@Suite("Trading calendar")
struct TradingCalendarTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("deploy/config/calendar")
    static let rules = ["NIFTY": ExpiryRule(weeklyWeekday: 3, monthlyWeekday: 3), "BANKNIFTY": ExpiryRule(weeklyWeekday: nil, monthlyWeekday: 3)]

    static func calendar() throws -> TradingCalendar {
        var calendar = TradingCalendar(expiryRules: rules)
        for year in [2025, 2026] {
            let text = try String(contentsOf: folder.appendingPathComponent("nse-\(year).csv"), encoding: .utf8)
            calendar = calendar.merging(try TradingCalendarParser.parse(text, year: year))
        }
        return calendar
    }

    static func day(_ text: String) -> Int64 { TradingCalendar.day(fromString: text)! }

    @Test("the 2025 and 2026 files: 14 and 16 weekday holidays, weekends closed, both years covered")
    func files() throws {
        let calendar = try Self.calendar()
        #expect(calendar.holidays.keys.filter { TradingCalendar.year(ofDay: $0) == 2025 }.count == 14)
        #expect(calendar.holidays.keys.filter { TradingCalendar.year(ofDay: $0) == 2026 }.count == 16)
        #expect(calendar.holidays.keys.allSatisfy { !TradingCalendar.isWeekend($0) })
        #expect(calendar.covers(year: 2025) && calendar.covers(year: 2026) && !calendar.covers(year: 2027))
        #expect(!calendar.isTradingDay(Self.day("2026-11-24")))       // Guru Nanak Jayanti, a Tuesday
        #expect(calendar.holidays[Self.day("2026-11-24")] == "Prakash Gurpurb Sri Guru Nanak Dev")
        #expect(calendar.hasFullSession(Self.day("2026-11-23")))      // an ordinary Monday
        #expect(!calendar.isTradingDay(Self.day("2026-11-28")))       // Saturday
        #expect(calendar.nextTradingDay(after: Self.day("2026-11-23")) == Self.day("2026-11-25"))
        #expect(calendar.previousTradingDay(before: Self.day("2026-11-25")) == Self.day("2026-11-23"))
    }

    @Test("special sessions: Muhurat 2025 is an hour on a holiday; the 2026 Budget Sunday is a full session")
    func specialSessions() throws {
        let calendar = try Self.calendar()
        let muhurat = Self.day("2025-10-21")
        #expect(calendar.session(onDay: muhurat) == SessionHours(openMinute: 13 * 60 + 45, closeMinute: 14 * 60 + 45))
        #expect(calendar.isTradingDay(muhurat) && !calendar.hasFullSession(muhurat) && !calendar.isRegularTradingDay(muhurat))
        let budget = Self.day("2026-02-01")
        #expect(TradingCalendar.weekday(ofDay: budget) == 1)
        #expect(calendar.session(onDay: budget) == .regular && calendar.hasFullSession(budget))
    }

    @Test("expiries per index: weekly and monthly Tuesdays, moved to the previous trading day on a holiday")
    func expiries() throws {
        let calendar = try Self.calendar()
        #expect(calendar.isExpiryDay(Self.day("2026-11-17"), symbol: "NIFTY"))
        // Tuesday 2026-11-24 is a holiday: NIFTY's weekly and the last-Tuesday monthly move to Monday the 23rd.
        #expect(calendar.isExpiryDay(Self.day("2026-11-23"), symbol: "NIFTY"))
        #expect(!calendar.isExpiryDay(Self.day("2026-11-24"), symbol: "NIFTY"))
        #expect(calendar.isExpiryDay(Self.day("2026-11-23"), symbol: "BANKNIFTY"))
        #expect(!calendar.isExpiryDay(Self.day("2026-11-17"), symbol: "BANKNIFTY"))   // monthly only
        // Holi, Tuesday 2026-03-03 → Monday 2026-03-02; Mahavir Jayanti, last Tuesday 2026-03-31 → Monday the 30th.
        #expect(calendar.nextExpiry(of: "NIFTY", onOrAfter: Self.day("2026-02-25")) == Self.day("2026-03-02"))
        #expect(calendar.expiries(of: "BANKNIFTY", from: Self.day("2026-03-01"), to: Self.day("2026-04-30"))
                == [Self.day("2026-03-30"), Self.day("2026-04-28")])
        #expect(!calendar.isExpiryDay(Self.day("2026-11-17"), symbol: "INFY"))
    }

    @Test("week start: the first full session of the week (Tuesday when Monday is Republic Day)")
    func weekStart() throws {
        let calendar = try Self.calendar()
        #expect(!calendar.isFirstFullSessionOfWeek(Self.day("2026-01-26")))
        #expect(calendar.isFirstFullSessionOfWeek(Self.day("2026-01-27")))
        #expect(calendar.isFirstFullSessionOfWeek(Self.day("2026-11-23")))
        #expect(!calendar.isFirstFullSessionOfWeek(Self.day("2026-11-25")))
    }

    @Test("a bad row names its line; a date of another year is refused")
    func parseErrors() {
        #expect(throws: TradingCalendarParseError(line: 3, reason: "kind 'CLOSED' is not HOLIDAY or SESSION")) {
            try TradingCalendarParser.parse("# x\n2026-01-26,HOLIDAY,,,Republic Day\n2026-01-27,CLOSED,,,x", year: 2026)
        }
        #expect(throws: TradingCalendarParseError(line: 1, reason: "date '2025-12-25' is not in 2026")) {
            try TradingCalendarParser.parse("2025-12-25,HOLIDAY,,,Christmas", year: 2026)
        }
        #expect(throws: TradingCalendarParseError.self) { try TradingCalendarParser.parse("2026-02-30,HOLIDAY,,,no such day", year: 2026) }
        #expect(throws: TradingCalendarParseError.self) { try TradingCalendarParser.parse("2026-02-01,SESSION,15:30,09:15,x", year: 2026) }
    }
}
