import ArgumentParser
import Foundation
import TradingCore

/// `aitrapp bench-backtest --data FILE`: the benchmark, timed end to end (read the file,
/// parse and check every line, run). `--engine-bars N` also times the full engine (pipeline,
/// risk gate, OCO, fills) on the first N bars with the same EMA cross, long only, no charges.
struct BenchBacktest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-backtest",
        abstract: "Time the EMA-cross backtest on a bar file (bars per second, end to end).")

    @Option(help: "Bar CSV file.") var data: String
    @Option(help: "Fast EMA period.") var fast = 20
    @Option(help: "Slow EMA period.") var slow = 50
    @Option(help: "Repeat the timed run this many times; the best is reported.") var repeats = 3
    @Option(name: .customLong("engine-bars"), help: "Also time the full engine on this many bars (0: skip).") var engineBars = 0

    func validate() throws {
        guard fast > 0, slow > fast else { throw ValidationError("need 0 < --fast < --slow") }
        guard repeats > 0 else { throw ValidationError("--repeats must be positive") }
    }

    func run() throws {
        var best = Double.infinity
        var result: EmaCrossFastPath.Result?
        var parse = 0.0
        for _ in 0..<repeats {
            let t0 = DispatchTime.now().uptimeNanoseconds
            guard let handle = FileHandle(forReadingAtPath: data) else { CommandOutput.fail("\(data): cannot read") }
            let contents = handle.readDataToEndOfFile()
            try? handle.close()
            let parsed: Result<BarColumns, BarCSVParser.ParseError> = contents.withUnsafeBytes { raw in
                do throws(BarCSVParser.ParseError) { return .success(try BarColumns.parse(raw.bindMemory(to: UInt8.self))) } catch {
                    return .failure(error)
                }
            }
            let columns: BarColumns
            switch parsed {
            case .success(let value): columns = value
            case .failure(let error): CommandOutput.fail("\(data):\(error.line): \(error.reason)")
            }
            let t1 = DispatchTime.now().uptimeNanoseconds
            let run = EmaCrossFastPath.run(columns, fast: fast, slow: slow)
            let t2 = DispatchTime.now().uptimeNanoseconds
            let seconds = Double(t2 - t0) / 1e9
            if seconds < best { best = seconds; parse = Double(t1 - t0) / 1e9; result = run }
        }
        guard let result else { return }
        print(String(format: "fast path: %d bars in %.4f s end to end (read+parse %.4f s, run %.4f s) = %.2f M bars/s; %d trades, %d wins, P&L %@ (one unit)",
                     result.bars, best, parse, best - parse, Double(result.bars) / best / 1e6, result.trades, result.wins,
                     result.pnl.rupeeString))
        guard engineBars > 0 else { return }
        guard let bytes = FileManager.default.contents(atPath: data) else { CommandOutput.fail("\(data): cannot read") }
        let bars: [Bar]
        do { bars = try BarColumns.parse([UInt8](bytes)).bars(symbol: "NIFTY", limit: engineBars) } catch {
            CommandOutput.fail("\(data):\(error.line): \(error.reason)")
        }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let values = ["strategies.enabled": "ema_cross", "strategies.ema_cross.ema_fast": String(fast),
                      "strategies.ema_cross.ema_slow": String(slow), "backtest.charges": "false", "backtest.slippage_bps": "0",
                      "backtest.allow_short": "false", "risk_gate.max_trades_per_day": "100000", "risk_gate.daily_loss_r": "1000",
                      "risk_gate.weekly_loss_r": "1000", "risk_gate.daily_loss_pct": "100"]
        let settings: BacktestSettings
        do { settings = try BacktestSettings(values: values) } catch { CommandOutput.fail("\(error)") }
        let engine = BacktestEngine.run(series: [bars], settings: settings)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        print(String(format: "full engine (pipeline, risk gate, OCO, fills; bars already parsed): %d bars in %.3f s = %.0f bars/s; %d trades",
                     engine.barCount, seconds, Double(engine.barCount) / seconds, engine.trades.count))
    }
}
