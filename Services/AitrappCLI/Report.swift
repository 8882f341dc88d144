import ArgumentParser
import Foundation
import TradingCore

/// `aitrapp report DIR`: rebuilds `report.html` from a run folder's trades, equity, metrics and config.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Rebuild report.html from a backtest run folder.")

    @Argument(help: "The run folder (written by aitrapp backtest).")
    var directory: String

    func run() throws {
        let folder = URL(fileURLWithPath: directory)
        func text(_ name: String) -> String { CommandOutput.read(folder.appendingPathComponent(name).path) }
        let decoder = JSONDecoder()
        let metrics: BacktestMetrics, config: BacktestRunConfig
        do {
            metrics = try decoder.decode(BacktestMetrics.self, from: Data(text("metrics.json").utf8))
            config = try decoder.decode(BacktestRunConfig.self, from: Data(text("config.json").utf8))
        } catch {
            CommandOutput.fail("\(directory): metrics.json / config.json: \(error)")
        }
        let equity: [EquityPoint], trades: [BacktestTrade]
        do { equity = try BacktestFiles.parseEquity(text("equity.csv")) } catch { CommandOutput.fail("equity.csv:\(error.line): \(error.reason)") }
        do { trades = try BacktestFiles.parseTrades(text("trades.csv")) } catch { CommandOutput.fail("trades.csv:\(error.line): \(error.reason)") }
        CommandOutput.write(BacktestReport.html(metrics: metrics, equity: equity, trades: trades, config: config), to: folder, "report.html")
        print(CommandOutput.table(BacktestReport.summaryRows(metrics)), terminator: "")
    }
}
