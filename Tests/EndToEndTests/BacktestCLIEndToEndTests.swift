import Foundation
import Testing
import PostgresStore
import TestSupport
import TradingCore

/// Runs the built `aitrapp` binary on the real NIFTY file (no servers needed).
@Suite("aitrapp backtest CLI")
struct BacktestCLIEndToEndTests {
    static let dataFile = TestEnvironment.root.appendingPathComponent("../shared/data/nifty50_1min_real.csv").standardizedFileURL.path

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = ServiceStack.binDirectory.appendingPathComponent("aitrapp")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func tempDir() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent(TestEnvironment.uniqueName("backtest"))
    }

    @Test func backtestWritesAParseableRunFolderAndReportRebuildsIt() throws {
        let out = Self.tempDir()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try Self.run(["backtest", "--data", Self.dataFile, "--strategy", "ema_cross,orb", "--capital", "1000000",
                                   "--seed", "3", "--out", out.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("Sharpe") && result.output.contains("config_sha"))

        let files = ["trades.csv", "equity.csv", "metrics.json", "config.json", "report.html"]
        for name in files { #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)") }
        let text = { (name: String) in try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8) }
        let metrics = try JSONDecoder().decode(BacktestMetrics.self, from: Data(try text("metrics.json").utf8))
        #expect(metrics.initialCapital == Paise(100_000_000) && metrics.sessions == 5)
        let config = try JSONDecoder().decode(BacktestRunConfig.self, from: Data(try text("config.json").utf8))
        #expect(config.configSha.count == 64 && config.values["strategies.enabled"] == "ema_cross,orb")
        #expect(config.values["backtest.seed"] == "3" && config.data.first?.bars == 1874)
        let equity = try BacktestFiles.parseEquity(try text("equity.csv"))
        #expect(equity.count == 1874 && equity.last?.equity == metrics.finalEquity)
        let trades = try BacktestFiles.parseTrades(try text("trades.csv"))
        #expect(trades.count == metrics.trades)
        #expect(trades.reduce(Paise.zero) { $0 + $1.netPnl } == metrics.netPnl)
        let html = try text("report.html")
        // Self-contained: inline SVG, no scripts, no external assets.
        #expect(html.contains("<svg") && !html.contains("<script") && !html.contains("src=") && !html.contains("href="))
        #expect(html.contains("Drawdown") && html.contains(config.configSha))

        try FileManager.default.removeItem(at: out.appendingPathComponent("report.html"))
        let rebuilt = try Self.run(["report", out.path])
        #expect(rebuilt.status == 0, "\(rebuilt.output)")
        #expect(try text("report.html") == html)
    }

    @Test func sameRunTwiceGivesIdenticalFiles() throws {
        let first = Self.tempDir(), second = Self.tempDir()
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        for out in [first, second] {
            let result = try Self.run(["backtest", "--data", "NIFTY=" + Self.dataFile, "--strategy", "ema_cross", "--out", out.path])
            #expect(result.status == 0, "\(result.output)")
        }
        for name in ["trades.csv", "equity.csv", "metrics.json", "config.json", "report.html"] {
            let a = try Data(contentsOf: first.appendingPathComponent(name)), b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(a == b, "\(name) differs")
        }
    }

    @Test func unknownStrategyFailsBeforeTheRunNamingTheKey() throws {
        let out = Self.tempDir()
        let result = try Self.run(["backtest", "--data", Self.dataFile, "--strategy", "ema_crosss", "--out", out.path])
        #expect(result.status != 0)
        #expect(result.output.contains("strategies.enabled") && result.output.contains("ema_crosss"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}

@Suite("aitrapp validate and compare CLI")
struct ValidateCLIEndToEndTests {
    @Test func validateWritesJsonAndHtmlAndSaysNoGo() throws {
        let out = BacktestCLIEndToEndTests.tempDir()
        defer { try? FileManager.default.removeItem(at: out) }
        let config = out.appendingPathExtension("yaml")
        defer { try? FileManager.default.removeItem(at: config) }
        try """
            validation:
              grid_x_values: [9, 20]
              grid_y_values: [21, 50]
            """.write(to: config, atomically: true, encoding: .utf8)
        let result = try BacktestCLIEndToEndTests.run(["validate", "--data", BacktestCLIEndToEndTests.dataFile, "--strategy", "ema_cross",
                                                       "--config", config.path, "--runs", "50", "--out", out.path])
        // This week of NIFTY loses with the EMA cross: NO-GO is exit status 3.
        #expect(result.status == 3, "\(result.output)")
        #expect(result.output.contains("Verdict") && result.output.contains("NO-GO"))
        let json = try Data(contentsOf: out.appendingPathComponent("validation.json"))
        let report = try JSONDecoder().decode(ValidationReport.self, from: json)
        #expect(!report.verdict.go && report.monteCarlo.runs == 50 && report.grid?.xValues == ["9", "20"])
        let html = try String(contentsOf: out.appendingPathComponent("validation.html"), encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("Shape:") && !html.contains("<script") && !html.contains("href="))
    }

    @Test func validateRefusesAnUnknownValidationKey() throws {
        let config = BacktestCLIEndToEndTests.tempDir().appendingPathExtension("yaml")
        defer { try? FileManager.default.removeItem(at: config) }
        try "validation:\n  sharpe_minimum: 2\n".write(to: config, atomically: true, encoding: .utf8)
        let result = try BacktestCLIEndToEndTests.run(["validate", "--data", BacktestCLIEndToEndTests.dataFile, "--strategy", "ema_cross",
                                                       "--config", config.path, "--out", "/tmp/never-written"])
        #expect(result.status == 1 && result.output.contains("validation.sharpe_minimum"))
    }

    @Test func validateAnotherStrategySkipsTheDefaultGridAndRefusesAConfiguredOne() throws {
        let out = BacktestCLIEndToEndTests.tempDir()
        let config = out.appendingPathExtension("yaml")
        defer { for url in [out, config] { try? FileManager.default.removeItem(at: url) } }
        let result = try BacktestCLIEndToEndTests.run(["validate", "--data", BacktestCLIEndToEndTests.dataFile, "--strategy", "donchian_retest",
                                                       "--runs", "20", "--out", out.path])
        #expect(result.status == 3, "\(result.output)")
        #expect(result.output.contains("no sensitivity grid: set validation.grid_x / grid_y to parameters of donchian_retest"), "\(result.output)")
        #expect(result.output.contains("Sensitivity grid") && !result.output.contains("plateau"), "\(result.output)")
        let report = try JSONDecoder().decode(ValidationReport.self, from: Data(contentsOf: out.appendingPathComponent("validation.json")))
        #expect(report.grid == nil && report.walkForward.isEmpty && report.noGrid != nil && !report.verdict.go)

        try "validation:\n  grid_x: strategies.ema_cross.ema_fast\n".write(to: config, atomically: true, encoding: .utf8)
        let refused = try BacktestCLIEndToEndTests.run(["validate", "--data", BacktestCLIEndToEndTests.dataFile, "--strategy", "donchian_retest",
                                                        "--config", config.path, "--out", out.path + "-never"])
        #expect(refused.status == 1, "\(refused.output)")
        #expect(refused.output.contains("validation.grid_x: strategies.ema_cross.ema_fast is not a setting of an enabled strategy (donchian_retest)"),
                "\(refused.output)")
        #expect(!FileManager.default.fileExists(atPath: out.path + "-never"))
    }

    @Test func compareTwoRunsSideBySide() throws {
        let first = BacktestCLIEndToEndTests.tempDir(), second = BacktestCLIEndToEndTests.tempDir()
        let html = BacktestCLIEndToEndTests.tempDir().appendingPathExtension("html")
        defer { for url in [first, second, html] { try? FileManager.default.removeItem(at: url) } }
        for (out, strategies, days) in [(first, "ema_cross", [String]()), (second, "ema_cross,orb", ["--from", "2025-09-05"])] {
            let result = try BacktestCLIEndToEndTests.run(["backtest", "--data", BacktestCLIEndToEndTests.dataFile, "--strategy", strategies,
                                                           "--out", out.path] + days)
            #expect(result.status == 0, "\(result.output)")
        }
        let result = try BacktestCLIEndToEndTests.run(["compare", first.path, second.path, "--out", html.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains(first.lastPathComponent) && result.output.contains(second.lastPathComponent))
        #expect(result.output.contains("Sharpe") && result.output.contains("strategies.enabled"))
        // The days differ (--from on the second run only); the data is the same file, so it is not listed.
        let fromRow = result.output.split(separator: "\n").first { $0.hasPrefix("from ") }
        #expect(fromRow?.split(separator: " ").map(String.init) == ["from", "-", "2025-09-05"], "\(result.output)")
        #expect(!result.output.contains("data source"), "\(result.output)")
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.contains("ema_cross,orb") && !page.contains("<script"))
    }
}

@Suite("aitrapp backtest records its run in Postgres")
struct BacktestRecordEndToEndTests {
    @Test func backtestAndValidateWriteBacktestRunsRows() async throws {
        let temporary = try await TemporaryDatabase.create()
        try await temporary.migrate()
        let out = BacktestCLIEndToEndTests.tempDir(), validation = BacktestCLIEndToEndTests.tempDir()
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: validation) }
        let result = try BacktestCLIEndToEndTests.run(["backtest", "--data", BacktestCLIEndToEndTests.dataFile, "--strategy", "ema_cross",
                                                       "--out", out.path, "--database-url", temporary.url])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("Recorded in backtest_runs as "))
        let checked = try BacktestCLIEndToEndTests.run(["validate", "--data", BacktestCLIEndToEndTests.dataFile, "--strategy", "ema_cross",
                                                        "--runs", "20", "--out", validation.path, "--database-url", temporary.url])
        #expect(checked.status == 3, "\(checked.output)")
        let rows = try await temporary.connect().query("""
            SELECT kind, source, status, config_sha, trades, net_pnl, verdict, metrics::text AS metrics, out_dir,
                   data->0->>'bars' AS bars FROM backtest_runs ORDER BY kind
            """)
        await temporary.drop()
        #expect(rows.count == 2)
        let config = try JSONDecoder().decode(BacktestRunConfig.self, from: Data(contentsOf: out.appendingPathComponent("config.json")))
        let metrics = try JSONDecoder().decode(BacktestMetrics.self, from: Data(contentsOf: out.appendingPathComponent("metrics.json")))
        let backtest = try #require(rows.first)
        #expect(try backtest.string("kind") == "backtest" && backtest.string("source") == "cli" && backtest.string("status") == "DONE")
        #expect(try backtest.string("config_sha") == config.configSha && backtest.int("trades") == metrics.trades)
        #expect(try backtest.paise("net_pnl") == metrics.netPnl && backtest.string("bars") == "1874")
        #expect(try backtest.string("out_dir") == out.standardizedFileURL.path)
        #expect(try JSONDecoder().decode(BacktestMetrics.self, from: Data(backtest.string("metrics").utf8)) == metrics)
        #expect(try rows.last?.string("kind") == "validate" && rows.last?.string("verdict") == "NO-GO")
    }

    @Test func withoutADatabaseNothingIsRecordedAndABadOneFails() throws {
        let out = BacktestCLIEndToEndTests.tempDir()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try BacktestCLIEndToEndTests.run(["backtest", "--data", BacktestCLIEndToEndTests.dataFile, "--strategy", "ema_cross",
                                                       "--out", out.path, "--database-url", "postgres://nobody@127.0.0.1:1/none"])
        #expect(result.status == 1 && result.output.contains("backtest_runs: not recorded"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("metrics.json").path))
    }
}
