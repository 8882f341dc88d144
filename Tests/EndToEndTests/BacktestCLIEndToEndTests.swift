import Foundation
import Testing
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
