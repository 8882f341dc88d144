import Foundation
import Messages
import Testing

@Suite("Timestamp")
struct TimestampTests {
    // 2026-11-22T05:21:40Z = 1,795,324,900 s since the epoch (Python datetime).
    private static let base = 1_795_324_900.0

    @Test("formats UTC with six fraction digits")
    func format() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: Self.base)) == "2026-11-22T05:21:40.000000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: Self.base + 0.123456)) == "2026-11-22T05:21:40.123456Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500000Z")
        #expect(Timestamp.format(utcInstant(2024, 2, 29, 23, 59, 59)) == "2024-02-29T23:59:59.000000Z")   // leap day
    }

    @Test("format/parse round trip keeps microseconds")
    func roundTrip() throws {
        for micros in [0, 1, 123_456, 500_000, 999_999] {
            let date = Date(timeIntervalSince1970: Self.base + Double(micros) / 1_000_000)
            let text = Timestamp.format(date)
            let parsed = try #require(Timestamp.parse(text))
            #expect(abs(parsed.timeIntervalSince(date)) < 1e-6, "\(text)")
            #expect(Timestamp.format(parsed) == text)
        }
    }

    @Test("parses Z and ±HH:MM offsets to the same instant", arguments: [
        "2026-11-22T05:21:40.123456Z",
        "2026-11-22T10:51:40.123456+05:30",   // IST: 10:51:40 − 05:30 = 05:21:40 UTC
        "2026-11-22T02:21:40.123456-03:00",
        "2026-11-22T05:21:40.123456+00:00",
        "2026-11-22 10:51:40.123456+05:30",   // space instead of T
        "2026-11-23T00:21:40.123456+19:00",   // offset crossing the date line
    ])
    func parsesOffsets(text: String) throws {
        let date = try #require(Timestamp.parse(text))
        #expect(Timestamp.format(date) == "2026-11-22T05:21:40.123456Z")
    }

    @Test("parses without a fraction and with fewer fraction digits")
    func parsesFractions() {
        #expect(Timestamp.parse("2026-11-22T05:21:40Z") == Date(timeIntervalSince1970: Self.base))
        #expect(Timestamp.parse("2026-11-23T09:15:00+05:30") == utcInstant(2026, 11, 23, 3, 45))
        #expect(Timestamp.format(Timestamp.parse("2026-11-22T05:21:40.5Z")!) == "2026-11-22T05:21:40.500000Z")
    }

    @Test("rejects garbage", arguments: [
        "",
        "garbage",
        "2026-11-22",
        "2026-11-22T05:21:40",            // no zone
        "2026-11-22T05:21:40.Z",          // empty fraction
        "2026-11-22T05:21:40Zjunk",
        "2026-11-22T05:21:40+0530",       // offset without colon
        "2026-11-22T05:21:40+05:3",
        "2026-13-01T00:00:00Z",           // month 13
        "2026-00-01T00:00:00Z",
        "2026-11-00T00:00:00Z",
        "2026-11-22T24:00:00Z",           // hour 24
        "2026-11-22T05:60:00Z",
        "2026/11/22T05:21:40Z",
        "2026-11-22X05:21:40Z",
        "2026-1a-22T05:21:40Z",
        "  2026-11-22T05:21:40Z",
    ])
    func rejects(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test("rejects calendar days that do not exist")
    func rejectsImpossibleDays() {
        // Checking the day only against 1…31 would roll these over into the next month
        // (2026-02-31 → 2026-03-03) instead of rejecting them.
        for text in ["2026-02-31T00:00:00Z", "2026-04-31T00:00:00Z", "2026-02-29T00:00:00Z", "2026-06-31T00:00:00Z",
                     "2026-09-31T00:00:00Z", "2026-11-31T00:00:00+05:30", "2100-02-29T00:00:00Z", "1900-02-29T00:00:00Z"] {
            #expect(Timestamp.parse(text) == nil, "\(text)")
        }
        // Month ends that do exist, including leap days (÷4, not ÷100 unless ÷400).
        for text in ["2026-01-31T00:00:00Z", "2026-02-28T00:00:00Z", "2026-04-30T00:00:00Z", "2026-12-31T23:59:59Z",
                     "2024-02-29T00:00:00Z", "2000-02-29T00:00:00Z"] {
            #expect(Timestamp.parse(text) != nil, "\(text)")
        }
        #expect(Timestamp.parse("2024-02-29T00:00:00Z").map(Timestamp.format) == "2024-02-29T00:00:00.000000Z")
    }
}
