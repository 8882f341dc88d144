import Foundation
import Testing
import TradingCore

/// ../shared/data/nifty50_1min_real.csv relative to the package root (derived from this file's path).
private let realCSVPath: String = sharedDataPath("nifty50_1min_real.csv")

@Suite("BarCSVParser")
struct BarCSVParserTests {
    private static let header = "timestamp,open,high,low,close,volume"
    private static let row1 = "2025-09-04T09:15:00+05:30,24970.30,24970.30,24867.05,24876.60,0"
    private static let row2 = "2025-09-04T09:16:00+05:30,24876.95,24892.70,24875.80,24876.95,0"

    private static func parseError(_ text: String) -> BarCSVParser.ParseError? {
        do {
            _ = try BarCSVParser(symbol: "NIFTY").parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test("parses the real NIFTY 50 1-minute file: 1,874 bars, first open 24970.30",
          .enabled(if: FileManager.default.fileExists(atPath: realCSVPath),
                   "real data file ../shared/data/nifty50_1min_real.csv is absent"))
    func realFile() throws {
        let text = try String(contentsOfFile: realCSVPath, encoding: .utf8)
        let bars = try BarCSVParser(symbol: "NIFTY").parse(text)
        #expect(bars.count == 1_874)
        let first = try #require(bars.first)
        #expect(first.symbol == "NIFTY")
        #expect(first.start == utcInstant(2025, 9, 4, 3, 45))          // 09:15 IST
        #expect(first.open == Paise(2_497_030))                        // 24970.30
        #expect(first.high == Paise(2_497_030))
        #expect(first.low == Paise(2_486_705))
        #expect(first.close == Paise(2_487_660))
        let last = try #require(bars.last)
        #expect(last.start == istInstant(2025, 9, 10, 15, 29))
        #expect(last.close == Paise(2_497_755))                        // 24977.55
        #expect(zip(bars, bars.dropFirst()).allSatisfy { $0.start < $1.start })
        #expect(bars.allSatisfy { $0.low <= min($0.open, $0.close) && $0.high >= max($0.open, $0.close) })
    }

    @Test("parses rows after a header; offsets and Z are honoured")
    func parsesRows() throws {
        let text = [Self.header, Self.row1, Self.row2, "2025-09-04T03:47:00Z,24876.95,24880,24870.5,24871,1500", ""]
            .joined(separator: "\n")
        let bars = try BarCSVParser(symbol: "NIFTY").parse(text)
        #expect(bars.count == 3)
        #expect(bars[0] == makeBar("NIFTY", start: istInstant(2025, 9, 4, 9, 15), open: 2_497_030, high: 2_497_030,
                                   low: 2_486_705, close: 2_487_660, volume: 0))
        #expect(bars[2].start == istInstant(2025, 9, 4, 9, 17))
        #expect(bars[2].high == Paise(2_488_000) && bars[2].low == Paise(2_487_050) && bars[2].volume == 1_500)
    }

    @Test("a file without a header and with blank lines parses")
    func noHeaderBlankLines() throws {
        let bars = try BarCSVParser(symbol: "X").parse(Self.row1 + "\n\n   \n" + Self.row2 + "\n")
        #expect(bars.count == 2)
    }

    @Test("fractional-second timestamps parse")
    func fractionalSeconds() throws {
        let bars = try BarCSVParser(symbol: "X").parse("2025-09-04T09:15:00.500+05:30,1,1,1,1,0")
        #expect(bars.first?.start == istInstant(2025, 9, 4, 9, 15, 0, millis: 500))
    }

    @Test("CRLF line endings parse like LF")
    func crlf() throws {
        let withHeader = [Self.header, Self.row1, Self.row2].joined(separator: "\r\n") + "\r\n"
        let withoutHeader = [Self.row1, Self.row2].joined(separator: "\r\n") + "\r\n"
        // Swift treats "\r\n" as ONE Character, so `text.split(separator: "\n")` alone never
        // splits a CRLF file: the whole file would be a single "line" (silently 0 bars with a
        // header, "line 1: expected 6 fields, found 11" without one).
        let bars = try BarCSVParser(symbol: "NIFTY").parse(withHeader)
        #expect(bars.count == 2)
        #expect(bars.first?.open == Paise(2_497_030))
        #expect(try BarCSVParser(symbol: "NIFTY").parse(withoutHeader).count == 2)
        // Line numbers count CRLF lines (and mixed endings) like LF lines.
        let bad = [Self.header, Self.row1, "2025-09-04T09:16:00+05:30,1,2,3,4"].joined(separator: "\r\n") + "\r\n"
        #expect(Self.parseError(bad)?.description == "line 3: expected 6 fields, found 5")
        let mixed = Self.header + "\r\n" + Self.row1 + "\n\r\n" + "garbage"
        #expect(Self.parseError(mixed)?.line == 4)
    }

    @Test("a leading UTF-8 byte-order mark (Excel CSV) is ignored, so the header is recognised")
    func byteOrderMark() throws {
        let withHeader = "\u{FEFF}" + [Self.header, Self.row1, Self.row2].joined(separator: "\r\n") + "\r\n"
        let bars = try BarCSVParser(symbol: "NIFTY").parse(withHeader)
        #expect(bars.count == 2)
        #expect(bars.first?.open == Paise(2_497_030))
        let withoutHeader = "\u{FEFF}" + [Self.row1, Self.row2].joined(separator: "\n")
        #expect(try BarCSVParser(symbol: "NIFTY").parse(withoutHeader).count == 2)
        // Decoded from bytes, as a file read would be.
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array((Self.header + "\n" + Self.row1 + "\n").utf8)
        let decoded = try #require(String(bytes: bytes, encoding: .utf8))
        #expect(try BarCSVParser(symbol: "NIFTY").parse(decoded).count == 1)
    }

    @Test("wrong field count names the line")
    func wrongFieldCount() throws {
        let error = try #require(Self.parseError([Self.header, Self.row1, "2025-09-04T09:16:00+05:30,1,2,3,4"].joined(separator: "\n")))
        #expect(error.line == 3)
        #expect(error.reason == "expected 6 fields, found 5")
        #expect(error.description == "line 3: expected 6 fields, found 5")
        #expect(Self.parseError(Self.row1 + ",extra")?.reason == "expected 6 fields, found 7")
    }

    @Test("bad timestamps name the line", arguments: [
        "2025-09-04 09:15:00,1,1,1,1,0",          // no T, no offset
        "2025-09-04T09:15:00,1,1,1,1,0",          // no offset
        "04/09/2025 09:15,1,1,1,1,0",
        "garbage,1,1,1,1,0",
        ",1,1,1,1,0",
    ])
    func badTimestamp(row: String) throws {
        let error = try #require(Self.parseError(Self.header + "\n" + row))
        #expect(error.line == 2)
        #expect(error.reason.contains("timestamp"))
    }

    @Test("non-positive prices name the line and the field", arguments: [
        ("2025-09-04T09:15:00+05:30,0,1,1,1,0", "open 0.00 is not positive"),
        ("2025-09-04T09:15:00+05:30,1,1,-1,1,0", "low -1.00 is not positive"),
        ("2025-09-04T09:15:00+05:30,1,1,1,0.00,0", "close 0.00 is not positive"),
    ])
    func nonPositivePrice(row: String, reason: String) throws {
        let error = try #require(Self.parseError([Self.header, Self.row1, row.replacingOccurrences(of: "09:15", with: "09:16")]
            .joined(separator: "\n")))
        #expect(error.line == 3)
        #expect(error.reason == reason)
    }

    @Test("unparseable prices name the line and the field")
    func badPrice() throws {
        let error = try #require(Self.parseError("2025-09-04T09:15:00+05:30,1,abc,1,1,0"))
        #expect(error.line == 1)
        #expect(error.reason == "high 'abc' is not a price")
        #expect(Self.parseError("2025-09-04T09:15:00+05:30,1.234,2,1,1,0")?.reason == "open '1.234' is not a price")
    }

    @Test("high below low (or not bounding open/close) names the line", arguments: [
        "2025-09-04T09:16:00+05:30,10,9,11,10,0",      // high 9 < low 11
        "2025-09-04T09:16:00+05:30,12,11,9,10,0",      // open 12 above high 11
        "2025-09-04T09:16:00+05:30,10,11,9,8,0",       // close 8 below low 9
    ])
    func inconsistentRange(row: String) throws {
        let error = try #require(Self.parseError([Self.header, Self.row1, row].joined(separator: "\n")))
        #expect(error.line == 3)
        #expect(error.reason.contains("do not bound open and close"))
    }

    @Test("out-of-order or repeated timestamps name the line")
    func outOfOrder() throws {
        let repeated = try #require(Self.parseError([Self.header, Self.row1, Self.row2, Self.row2].joined(separator: "\n")))
        #expect(repeated.line == 4)
        #expect(repeated.reason.contains("is not after the previous row"))
        let earlier = try #require(Self.parseError([Self.header, Self.row2, Self.row1].joined(separator: "\n")))
        #expect(earlier.line == 3)
        // Same instant written with another offset is also a repeat: 09:15+05:30 == 03:45Z.
        let sameInstant = try #require(Self.parseError([Self.row1, "2025-09-04T03:45:00Z,1,1,1,1,0"].joined(separator: "\n")))
        #expect(sameInstant.line == 2)
    }

    @Test("bad volumes name the line", arguments: ["abc", "-5", "1.5", ""])
    func badVolume(volume: String) throws {
        let error = try #require(Self.parseError(Self.header + "\n" + "2025-09-04T09:15:00+05:30,1,1,1,1," + volume))
        #expect(error.line == 2)
        #expect(error.reason == "volume '\(volume)' is not a non-negative integer")
    }

    @Test("blank lines still count towards the reported line number")
    func blankLinesCounted() throws {
        let error = try #require(Self.parseError([Self.header, Self.row1, "", Self.row2 + ",x"].joined(separator: "\n")))
        #expect(error.line == 4)
    }

    @Test("an error anywhere rejects the whole file (no half-loaded replay)")
    func allOrNothing() {
        var rows = [Self.header]
        for minute in 0..<50 { rows.append("2025-09-04T10:\(minute < 10 ? "0" : "")\(minute):00+05:30,100,101,99,100,10") }
        rows.append("2025-09-04T11:00:00+05:30,100,101,99,100,-1")
        #expect(Self.parseError(rows.joined(separator: "\n"))?.line == 52)
    }
}
