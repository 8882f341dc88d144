import Foundation
import Testing
import TradingCore

/// Hand-made CSV text through `BarCSVParser.parseRows` and `BarSeriesCheck`: every duplicate and
/// unsorted row with its line numbers, gaps inside the session only (between bars, and at a
/// session's open and close).
@Suite("BarSeriesCheck")
struct BarSeriesCheckTests {
    /// A row at `HH:MM` IST on `day` (prices valid, volume 1).
    static func row(_ time: String, day: String = "2025-09-04") -> String {
        "\(day)T\(time):00+05:30,100.00,101.00,99.00,100.50,1"
    }

    /// Rows every `step` minutes from `from` to `to` (inclusive) IST on `day`.
    static func rows(from: String, to: String, step: Int = 1, day: String = "2025-09-04") -> [String] {
        func minute(_ time: String) -> Int { Int(time.prefix(2))! * 60 + Int(time.suffix(2))! }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return stride(from: minute(from), through: minute(to), by: step).map { row("\(two($0 / 60)):\(two($0 % 60))", day: day) }
    }

    /// The gaps between two bars of a day (not at the session's open or close).
    static func between(_ result: BarSeriesCheck) -> [BarFileIssue] { result.gaps.filter { $0.kind == .gap } }

    static func check(_ rows: [String], header: Bool = true, timeframe: Int64? = nil) throws -> BarSeriesCheck {
        let text = ((header ? ["timestamp,open,high,low,close,volume"] : []) + rows).joined(separator: "\n") + "\n"
        let parsed = try BarCSVParser(symbol: "NIFTY").parseRows(text)
        return BarSeriesCheck(starts: parsed.bars.map { Int64($0.start.timeIntervalSince1970) }, lines: parsed.lines,
                              timeframeSeconds: timeframe)
    }

    @Test("a clean file: nothing refused, no gaps, 1-minute bars inferred")
    func clean() throws {
        let result = try Self.check(Self.rows(from: "09:15", to: "15:29"))
        #expect(result.isAccepted && result.gaps.isEmpty && result.timeframeSeconds == 60 && result.missingBars == 0)
    }

    @Test("duplicates name both lines; every one is listed, not only the first")
    func duplicates() throws {
        let result = try Self.check(["09:15", "09:16", "09:16", "09:17", "09:18", "09:18"].map { Self.row($0) })
        #expect(result.refused.map(\.kind) == [.duplicate, .duplicate])
        #expect(result.refused.map(\.line) == [4, 7] && result.refused.map(\.otherLine) == [3, 6])
        #expect(result.refused[0].description == "line 4: duplicate of line 3 (2025-09-04 09:16 IST)")
        #expect(Self.between(result).isEmpty)
    }

    @Test("an earlier row is unsorted against the latest row above it; a repeat far away is a duplicate")
    func unsorted() throws {
        // line 2 09:15, 3 09:16, 4 09:18, 5 09:17 (unsorted vs line 4), 6 09:19, 7 09:15 (duplicate of line 2).
        let result = try Self.check(["09:15", "09:16", "09:18", "09:17", "09:19", "09:15"].map { Self.row($0) })
        #expect(result.refused.count == 2)
        #expect(result.refused[0].kind == .unsorted && result.refused[0].line == 5 && result.refused[0].otherLine == 4)
        #expect(result.refused[0].description == "line 5: 2025-09-04 09:17 IST is earlier than line 4 (2025-09-04 09:18 IST)")
        #expect(result.refused[1].kind == .duplicate && result.refused[1].line == 7 && result.refused[1].otherLine == 2)
        // Gaps are judged on the sorted rows: 09:15…09:19 is complete (then the session's early close).
        #expect(result.gaps.map(\.kind) == [.earlyClose] && result.gaps.first?.line == 6)
    }

    @Test("a gap inside the session: line, times and bars missing")
    func gap() throws {
        let result = try Self.check(Self.rows(from: "09:15", to: "10:02") + Self.rows(from: "10:07", to: "15:29"))
        #expect(result.isAccepted)
        let gap = try #require(result.gaps.first)
        #expect(result.gaps.count == 1 && gap.kind == .gap && gap.line == 50 && gap.otherLine == 49 && gap.missingBars == 4)
        #expect(gap.description == "line 50: gap 10:02→10:07 IST on 2025-09-04, 4 bars missing")
        #expect(!gap.refuses && result.missingBars == 4)
    }

    @Test("a new trading day is not a gap; bars outside the session are not counted as missing")
    func newDayAndSessionEdges() throws {
        let rows = Self.rows(from: "09:15", to: "15:29") + Self.rows(from: "09:15", to: "15:29", day: "2025-09-05")
        #expect(try Self.check(rows).gaps.isEmpty)
        // 09:10 (pre-open) → 09:17: only 09:15 and 09:16 lie inside the session; no late open before a pre-open bar.
        let early = try Self.check([Self.row("09:10"), Self.row("09:17")], timeframe: 60)
        #expect(Self.between(early).map(\.missingBars) == [2] && !early.gaps.contains { $0.kind == .lateOpen })
        // 15:20 → 15:45: 15:21…15:29 are the session's (the 15:29 bar ends at 15:30); no early close after 15:45.
        let late = try Self.check([Self.row("15:20"), Self.row("15:45")], timeframe: 60)
        #expect(Self.between(late).map(\.missingBars) == [9] && !late.gaps.contains { $0.kind == .earlyClose })
    }

    @Test("a session opening late or ending early: the first / last bar's line, the bars missing since 09:15 / to 15:30")
    func sessionOpenAndClose() throws {
        // 2025-09-04 complete (lines 2…376); 2025-09-05 from 09:30 (line 377) to the 14:59 bar (line 706), ending at 15:00.
        let rows = Self.rows(from: "09:15", to: "15:29") + Self.rows(from: "09:30", to: "14:59", day: "2025-09-05")
        let result = try Self.check(rows)
        #expect(result.isAccepted && result.timeframeSeconds == 60)
        #expect(result.gaps.map(\.kind) == [.lateOpen, .earlyClose])
        #expect(result.gaps.map(\.line) == [377, 706] && result.gaps.map(\.missingBars) == [15, 30] && result.missingBars == 45)
        #expect(result.gaps[0].description == "line 377: session opens at 09:30 IST on 2025-09-05, 15 bars missing since 09:15")
        #expect(result.gaps[1].description == "line 706: session ends at 15:00 IST on 2025-09-05, 30 bars missing to 15:30")
        #expect(result.gaps.allSatisfy { !$0.refuses })
        // In time order with a gap between them, on the first day of the file too; one bar is "1 bar".
        let both = try Self.check(Self.rows(from: "09:16", to: "10:00") + Self.rows(from: "10:02", to: "15:28"))
        #expect(both.gaps.map(\.kind) == [.lateOpen, .gap, .earlyClose] && both.gaps.map(\.missingBars) == [1, 1, 1])
        #expect(both.gaps[0].detail == "session opens at 09:16 IST on 2025-09-04, 1 bar missing since 09:15")
        #expect(both.gaps[2].detail == "session ends at 15:29 IST on 2025-09-04, 1 bar missing to 15:30")
        // A day with no bar inside the session (a special evening session) has no open or close gap.
        let evening = try Self.check(Self.rows(from: "09:15", to: "15:29") + Self.rows(from: "18:15", to: "19:14", day: "2025-09-05"))
        #expect(evening.gaps.isEmpty)
        // One bar a day: the bar length is unknown, so no open or close gap.
        #expect(try Self.check([Self.row("09:15"), Self.row("09:15", day: "2025-09-05")]).gaps.isEmpty)
    }

    @Test("the real NIFTY file: five complete 09:15–15:29 sessions, its one known gap (line 741) and nothing at the edges")
    func realFile() throws {
        let text = try String(contentsOfFile: sharedDataPath("nifty50_1min_real.csv"), encoding: .utf8)
        let parsed = try BarCSVParser(symbol: "NIFTY").parseRows(text)
        let result = BarSeriesCheck(starts: parsed.bars.map { Int64($0.start.timeIntervalSince1970) }, lines: parsed.lines)
        #expect(result.isAccepted && result.timeframeSeconds == 60 && result.missingBars == 1)
        #expect(result.gaps.map(\.description) == ["line 741: gap 15:18→15:20 IST on 2025-09-05, 1 bar missing"])
    }

    @Test("5-minute bars: the step is inferred and gaps counted in 5-minute bars; the 15:25 bar closes the session")
    func fiveMinute() throws {
        let result = try Self.check(["09:15", "09:20", "09:25", "09:40", "09:45"].map { Self.row($0) })
        #expect(result.timeframeSeconds == 300 && Self.between(result).map(\.missingBars) == [2] && result.gaps.first?.line == 5)
        #expect(result.gaps.last?.kind == .earlyClose && result.gaps.last?.missingBars == 68)   // 09:50 … 15:25
        let full = try Self.check(Self.rows(from: "09:15", to: "15:25", step: 5) + Self.rows(from: "09:30", to: "15:20", step: 5, day: "2025-09-05"))
        #expect(full.timeframeSeconds == 300 && full.gaps.map(\.kind) == [.lateOpen, .earlyClose])
        #expect(full.gaps.map(\.missingBars) == [3, 1] && full.gaps.map(\.line) == [77, 147])
        #expect(full.gaps[1].detail == "session ends at 15:25 IST on 2025-09-05, 1 bar missing to 15:30")
    }

    @Test("without a header the first data row is line 1; blank lines keep their numbers")
    func lineNumbers() throws {
        let text = [Self.row("09:15"), "", Self.row("09:16"), Self.row("09:16")].joined(separator: "\n")
        let parsed = try BarCSVParser(symbol: "NIFTY").parseRows(text)
        #expect(parsed.lines == [1, 3, 4])
        let result = BarSeriesCheck(starts: parsed.bars.map { Int64($0.start.timeIntervalSince1970) }, lines: parsed.lines)
        #expect(result.refused.map(\.line) == [4] && result.refused.map(\.otherLine) == [3])
    }

    @Test("parse still refuses the first out-of-order row, naming it and the row it repeats")
    func parseRefusesFirst() throws {
        let text = ["timestamp,open,high,low,close,volume", Self.row("09:15"), Self.row("09:16"), Self.row("09:16"), Self.row("09:15")]
            .joined(separator: "\n")
        do {
            _ = try BarCSVParser(symbol: "NIFTY").parse(text)
            Issue.record("accepted a duplicated row")
        } catch {
            #expect(error.line == 4 && error.reason.contains("is not after the previous row") && error.reason.contains("line 3"))
        }
    }

    @Test("missingBars arithmetic: adjacent bars, other days, the grid of the earlier bar")
    func missingArithmetic() {
        let open = Int64(1_756_957_500)   // 2025-09-04 09:15 IST
        #expect(BarSeriesCheck.missingBars(from: open, to: open + 60, step: 60) == 0)
        #expect(BarSeriesCheck.missingBars(from: open, to: open + 180, step: 60) == 2)
        #expect(BarSeriesCheck.missingBars(from: open, to: open + 86_400, step: 60) == 0)
        #expect(BarSeriesCheck.missingBars(from: open, to: open + 150, step: 60) == 2)   // 09:16, 09:17 before 09:17:30
        // Open and close on the bar's own grid: 09:15:30 misses no whole bar since 09:15, 15:28:30 none to 15:30.
        #expect(BarSeriesCheck.lateOpen(open + 30, step: 60) == nil && BarSeriesCheck.lateOpen(open + 900, step: 60)?.missing == 15)
        let close = open + 375 * 60
        #expect(BarSeriesCheck.earlyClose(close - 90, step: 60) == nil && BarSeriesCheck.earlyClose(close - 31 * 60, step: 60)?.missing == 30)
        #expect(BarSeriesCheck.earlyClose(close, step: 60) == nil && BarSeriesCheck.lateOpen(close, step: 60) == nil)
    }

    @Test("refusal lines: a header per file, the first N rows, then a count of the rest")
    func refusalLines() throws {
        let rows = [Self.row("09:15")] + Array(repeating: Self.row("09:16"), count: 26)
        let result = try Self.check(rows)
        #expect(result.refused.count == 25)
        let lines = result.refusalLines(name: "a.csv", limit: 20)
        #expect(lines.count == 22 && lines[0] == "a.csv: refused: 25 duplicated and 0 unsorted row(s)")
        #expect(lines[1] == "a.csv:4: duplicate of line 3 (2025-09-04 09:16 IST)" && lines[21] == "a.csv: … and 5 more")
        #expect(try Self.check([Self.row("09:15")]).refusalLines(name: "b.csv").isEmpty)
    }

    @Test("Postgres rows: a digest that changes with any field")
    func rowsDigest() {
        let bar = Bar(symbol: "NIFTY", start: Date(timeIntervalSince1970: 1_756_957_500), open: Paise(100), high: Paise(110),
                      low: Paise(90), close: Paise(105), volume: 7)
        var changed = bar
        changed.volume = 8
        #expect(BarRowsDigest.sha256([bar], timeframeSeconds: 60) != BarRowsDigest.sha256([changed], timeframeSeconds: 60))
        #expect(BarRowsDigest.sha256([bar], timeframeSeconds: 60) != BarRowsDigest.sha256([bar], timeframeSeconds: 300))
        #expect(BarRowsDigest.sha256([bar], timeframeSeconds: 60).count == 64)
    }
}
