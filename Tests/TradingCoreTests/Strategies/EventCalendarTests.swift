import Foundation
import Testing
import TradingCore

@Suite("Event calendar")
struct EventCalendarTests {
    static let text = """
        # comment
        date,time,kind,underlying,title
        2025-10-01,10:00,RBI_POLICY,,RBI policy
        2025-10-16,15:45,RESULTS,INFY,Infosys Q2 results
        2025-09-16,,HOLIDAY,,test holiday on a Tuesday
        """
    static let rules = ["NIFTY": ExpiryRule(weeklyWeekday: 3, monthlyWeekday: 3), "BANKNIFTY": ExpiryRule(weeklyWeekday: nil, monthlyWeekday: 3)]

    @Test("parses rows; a bad row names its line")
    func parses() throws {
        let events = try EventCalendarParser.parse(Self.text)
        #expect(events.map(\.kind) == [.rbiPolicy, .results, .holiday])
        #expect(events[0].at == istInstant(2025, 10, 1, 10))
        #expect(events[1].underlying == "INFY")
        #expect(throws: EventCalendarParser.ParseError(line: 2, reason: "kind 'FED' is not one of RBI_POLICY, CPI, RESULTS, HOLIDAY, EXPIRY")) {
            try EventCalendarParser.parse("2025-10-01,10:00,RBI_POLICY,,ok\n2025-10-02,10:00,FED,,no")
        }
        #expect(throws: EventCalendarParser.ParseError.self) { try EventCalendarParser.parse("2025-13-01,10:00,CPI,,bad month") }
    }

    @Test("weekly and monthly expiries, moved to the previous trading day on a holiday")
    func expiries() throws {
        let calendar = EventCalendar(events: try EventCalendarParser.parse(Self.text), expiryRules: Self.rules)
        #expect(calendar.isExpiryDay(istInstant(2025, 9, 9, 11), symbol: "NIFTY"))       // Tuesday
        #expect(!calendar.isExpiryDay(istInstant(2025, 9, 8, 11), symbol: "NIFTY"))
        #expect(calendar.isExpiryDay(istInstant(2025, 9, 15, 11), symbol: "NIFTY"))      // Tuesday 16th is a holiday
        #expect(!calendar.isExpiryDay(istInstant(2025, 9, 16, 11), symbol: "NIFTY"))
        #expect(calendar.isExpiryDay(istInstant(2025, 9, 30, 11), symbol: "BANKNIFTY"))  // last Tuesday of September
        #expect(!calendar.isExpiryDay(istInstant(2025, 9, 23, 11), symbol: "BANKNIFTY"))
        #expect(!calendar.isExpiryDay(istInstant(2025, 9, 9, 11), symbol: "INFY"))
    }

    @Test("an event within the look-ahead is seen with its distance; results only for their symbol")
    func proximity() throws {
        let calendar = EventCalendar(events: try EventCalendarParser.parse(Self.text), expiryRules: Self.rules)
        let near = calendar.proximity(at: istInstant(2025, 10, 1, 9, 45), symbol: "NIFTY", lookaheadMinutes: 30)
        #expect(near.minutesToEvent == 15 && near.nearestEvent?.kind == .rbiPolicy && near.eventWithin(minutes: 15))
        #expect(calendar.proximity(at: istInstant(2025, 10, 1, 9, 15), symbol: "NIFTY", lookaheadMinutes: 30).nearestEvent == nil)
        #expect(calendar.proximity(at: istInstant(2025, 10, 16, 15, 20), symbol: "INFY", lookaheadMinutes: 30).minutesToEvent == 25)
        #expect(calendar.proximity(at: istInstant(2025, 10, 16, 15, 20), symbol: "NIFTY", lookaheadMinutes: 30).nearestEvent == nil)
    }
}
