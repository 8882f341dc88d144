import Foundation
import TradingCore

/// What `backtest` and `validate` read before running: the flattened configuration with the
/// command-line overrides, and the bar series (one per `--data` entry, limited to `--from`…`--to`).
enum RunInputs {
    static func values(config: String?, strategy: String, capital: Double?, seed: UInt64?) -> [String: String] {
        var values: [String: String] = [:]
        if let config {
            do { values = try ConfigFile.load(config) } catch { CommandOutput.fail("\(config): \(error)") }
        }
        values["strategies.enabled"] = strategy
        if let capital { values["risk_gate.capital"] = String(format: "%.2f", capital) }
        if let seed { values["backtest.seed"] = String(seed) }
        return values
    }

    static func bars(data: [String], from: String?, to: String?) -> (series: [[Bar]], files: [BacktestRunConfig.DataFile]) {
        var series: [[Bar]] = []
        var files: [BacktestRunConfig.DataFile] = []
        for entry in data {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            let (symbol, path) = parts.count == 2 ? (parts[0], parts[1]) : ("NIFTY", parts[0])
            let text = CommandOutput.read(path)
            var bars: [Bar]
            do { bars = try BarCSVParser(symbol: symbol).parse(text) } catch { CommandOutput.fail("\(path):\(error.line): \(error.reason)") }
            bars = within(bars, from: from, to: to)
            files.append(.init(symbol: symbol, path: path, sha256: TradingCore.SHA256.hex(Array(text.utf8)), bars: bars.count))
            series.append(bars)
        }
        guard series.contains(where: { !$0.isEmpty }) else { CommandOutput.fail("no bars between --from and --to") }
        return (series, files)
    }

    static func within(_ bars: [Bar], from: String?, to: String?) -> [Bar] {
        bars.filter { bar in
            let day = IST.dayString(bar.start)
            return (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true)
        }
    }
}
