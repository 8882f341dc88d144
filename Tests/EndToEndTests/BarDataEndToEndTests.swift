import Foundation
import PostgresStore
import Testing
import TestSupport
import TradingCore

/// The real `aitrapp` binary on bad bar files (duplicates refused with both lines, gaps run and
/// reported) and on bars in Postgres (`import-bars`, then `--source postgres` gives the same
/// trades and equity as the CSV); the real marketdata storing the bars it publishes.
@Suite("bar files and the bars table end to end", .serialized)
struct BarDataEndToEndTests {
    static let lines: [String] = {
        let text = (try? String(contentsOfFile: BacktestCLIEndToEndTests.dataFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }()

    /// A temporary CSV of the real file's lines (1-based numbers, header = 1).
    static func file(_ numbers: [Int]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(TestEnvironment.uniqueName("bars") + ".csv")
        try (numbers.map { lines[$0 - 1] }.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func duplicatedRowsRefuseTheRunNamingBothLinesInEveryFile() throws {
        // Line 52 of the new file repeats line 51 (real line 51); line 202 repeats real line 30 (new line 30), far away.
        let bad = try Self.file(Array(1...51) + [51] + Array(52...200) + [30] + Array(201...400))
        let good = try Self.file(Array(1...400))
        let out = BacktestCLIEndToEndTests.tempDir()
        defer { for url in [bad, good, out] { try? FileManager.default.removeItem(at: url) } }
        let result = try BacktestCLIEndToEndTests.run(["backtest", "--data", "NIFTY=" + good.path, "BANKNIFTY=" + bad.path,
                                                       "--strategy", "ema_cross", "--out", out.path])
        #expect(result.status != 0, "\(result.output)")
        #expect(result.output.contains("\(bad.path):52: duplicate of line 51"), "\(result.output)")
        #expect(result.output.contains("\(bad.path):202: duplicate of line 30"), "\(result.output)")
        #expect(result.output.contains("\(bad.path): refused: 2 duplicated"))
        #expect(!result.output.contains("\(good.path): refused"))
        #expect(!FileManager.default.fileExists(atPath: out.path), "nothing is run")

        let validation = try BacktestCLIEndToEndTests.run(["validate", "--data", bad.path, "--strategy", "ema_cross", "--out", out.path])
        #expect(validation.status == 1 && validation.output.contains("\(bad.path):52: duplicate of line 51"), "\(validation.output)")
    }

    @Test func aGapIsAllowedReportedRecordedAndShown() throws {
        // Real lines 56…60 (10:09…10:13 IST on 2025-09-04) left out: a gap of 5 bars at new line 56. The next
        // session (real lines 392…400, new 372…380) opens at 09:30 and its last bar ends at 09:39: 15 bars missing
        // since 09:15, 351 to 15:30.
        let gapped = try Self.file(Array(1...55) + Array(61...376) + Array(392...400))
        let out = BacktestCLIEndToEndTests.tempDir()
        defer { for url in [gapped, out] { try? FileManager.default.removeItem(at: url) } }
        let result = try BacktestCLIEndToEndTests.run(["backtest", "--data", gapped.path, "--strategy", "ema_cross", "--out", out.path])
        #expect(result.status == 0, "\(result.output)")
        let expected = ["line 56: gap 10:08→10:14 IST on 2025-09-04, 5 bars missing",
                        "line 372: session opens at 09:30 IST on 2025-09-05, 15 bars missing since 09:15",
                        "line 380: session ends at 09:39 IST on 2025-09-05, 351 bars missing to 15:30"]
        #expect(result.output.contains("warning: \(gapped.path): 3 gap(s) inside the session, 371 bar(s) missing"), "\(result.output)")
        #expect(result.output.contains(expected.joined(separator: "; ")), "\(result.output)")
        let config = try JSONDecoder().decode(BacktestRunConfig.self, from: Data(contentsOf: out.appendingPathComponent("config.json")))
        let data = try #require(config.data.first)
        #expect(data.gaps == 3 && data.missingBars == 371 && data.firstGaps == expected)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<h2>Data</h2>") && expected.allSatisfy { html.contains($0) })
    }

    @Test func importedBarsReplayFromPostgresExactlyAsTheCSV() async throws {
        let temporary = try await TemporaryDatabase.create()
        try await temporary.migrate()
        let csvOut = BacktestCLIEndToEndTests.tempDir(), pgOut = BacktestCLIEndToEndTests.tempDir()
        defer { for url in [csvOut, pgOut] { try? FileManager.default.removeItem(at: url) } }
        let file = BacktestCLIEndToEndTests.dataFile
        let config = TestEnvironment.root.appendingPathComponent("deploy/config/aitrapp.yaml").path

        let imported = try BacktestCLIEndToEndTests.run(["import-bars", "--data", "NIFTY=" + file, "--database-url", temporary.url])
        #expect(imported.status == 0 && imported.output.contains("NIFTY, 60 s bars: 1874 read, 1874 inserted, 0 already stored"),
                "\(imported.output)")
        let again = try BacktestCLIEndToEndTests.run(["import-bars", "--data", "NIFTY=" + file, "--database-url", temporary.url])
        #expect(again.status == 0 && again.output.contains("1874 read, 0 inserted, 1874 already stored"), "\(again.output)")

        let common = ["--strategy", "ema_cross,orb", "--config", config, "--capital", "1000000", "--seed", "42",
                      "--from", "2025-09-04", "--to", "2025-09-10"]
        let fromCSV = try BacktestCLIEndToEndTests.run(["backtest", "--data", "NIFTY=" + file, "--out", csvOut.path] + common)
        #expect(fromCSV.status == 0, "\(fromCSV.output)")
        let fromPostgres = try BacktestCLIEndToEndTests.run(["backtest", "--source", "postgres", "--symbols", "NIFTY",
                                                             "--database-url", temporary.url, "--out", pgOut.path] + common)
        #expect(fromPostgres.status == 0, "\(fromPostgres.output)")
        for name in ["trades.csv", "equity.csv", "metrics.json"] {
            let a = try Data(contentsOf: csvOut.appendingPathComponent(name)), b = try Data(contentsOf: pgOut.appendingPathComponent(name))
            #expect(a == b, "\(name) differs between the CSV and Postgres runs")
        }
        let trades = try BacktestFiles.parseTrades(try String(contentsOf: pgOut.appendingPathComponent("trades.csv"), encoding: .utf8))
        #expect(!trades.isEmpty)
        let recorded = try JSONDecoder().decode(BacktestRunConfig.self, from: Data(contentsOf: pgOut.appendingPathComponent("config.json")))
        let source = try #require(recorded.data.first)
        #expect(source.source == "postgres" && source.path == "bars" && source.symbol == "NIFTY" && source.bars == 1874)
        #expect(source.timeframeSeconds == 60 && source.gaps == 1 && source.sha256.count == 64)
        let csvConfig = try JSONDecoder().decode(BacktestRunConfig.self, from: Data(contentsOf: csvOut.appendingPathComponent("config.json")))
        #expect(csvConfig.configSha == recorded.configSha)
        // Same rows, same digest: a rerun is comparable.
        let rerunOut = BacktestCLIEndToEndTests.tempDir()
        defer { try? FileManager.default.removeItem(at: rerunOut) }
        let rerun = try BacktestCLIEndToEndTests.run(["validate", "--source", "postgres", "--symbols", "NIFTY", "--database-url", temporary.url,
                                                      "--runs", "5", "--out", rerunOut.path] + common)
        #expect(rerun.status == 0 || rerun.status == 3, "\(rerun.output)")
        // --database-url also recorded both Postgres runs.
        let runs = try await temporary.connect().query("SELECT kind, data->0->>'sha256' AS sha FROM backtest_runs ORDER BY kind")
        await temporary.drop()
        #expect(try runs.map { try $0.string("kind") } == ["backtest", "validate"])
        #expect(try runs.allSatisfy { try $0.string("sha") == source.sha256 })

        let missing = try BacktestCLIEndToEndTests.run(["backtest", "--source", "postgres", "--strategy", "ema_cross", "--out", pgOut.path])
        #expect(missing.status != 0 && missing.output.contains("--symbols"), "\(missing.output)")
    }

    @Test func marketdataStoresEveryBarItPublishes() async throws {
        let stack = try await ServiceStack(overrides: [
            "AITRAPP_MARKETDATA_FEED": "replay",
            "AITRAPP_MARKETDATA_REPLAY_FILE": PaperTradeEndToEndTests.fixture,
            "AITRAPP_MARKETDATA_REPLAY_SPEED": "0",
        ])
        let expected = try BarCSVParser(symbol: "NIFTY").parse(String(contentsOfFile: PaperTradeEndToEndTests.fixture, encoding: .utf8))
        do {
            try stack.start("marketdata")
            let db = stack.database.connect()
            let stored = await TestEnvironment.eventually(timeout: .seconds(30)) {
                (try? await db.withConnection { try BarRepository.count(symbol: "NIFTY", timeframeSeconds: 60, on: $0) }) == expected.count
            }
            #expect(stored, "\(stack.log("marketdata").suffix(2000))")
            let bars = try await db.withConnection { try BarRepository.range(symbol: "NIFTY", timeframeSeconds: 60, fromDay: nil, toDay: nil, on: $0) }
            #expect(bars == expected)
        }
        await stack.shutdown()
    }
}
