import ArgumentParser
import Foundation
import TradingCore

/// `aitrapp backtest`: reads bar files and a config, runs `BacktestEngine` (the core the
/// services run) and writes a run folder. Only reading, the progress bar and writing live here.
struct Backtest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Backtest strategies on bar files (or the Postgres bars table) through the services' core; write a run folder.",
        discussion: """
            Writes trades.csv, equity.csv, metrics.json, config.json (the effective settings and \
            their config_sha) and report.html into --out. Entries fill no earlier than the bar after \
            the signal's bar (backtest.fill_rule: next_open | next_close). Exits are the executor's \
            (backtest.exits: executor, with executor.exits.*) or the signal's bracket (bracket). The \
            config is the services' YAML plus an optional backtest section (fill_rule, slippage_bps, \
            slippage_jitter_bps, seed, charges, lot_size, lot_sizes, flatten_at, allow_short, stop_fill, \
            tp2, exits). Bar files with duplicated or unsorted rows are refused (each listed with its \
            line, the first 20 per file and a count of the rest); gaps inside the \
            session are allowed, reported and recorded. --source postgres --symbols NIFTY reads the \
            bars table instead (see aitrapp import-bars).
            """
    )

    @OptionGroup var options: RunOptions
    @Option(help: "Run folder to write.") var out = "backtest-run"

    func run() async throws {
        let startedAt = Date()
        let values = RunInputs.values(options)
        let databaseURL = RunRecorder.url(databaseURL: options.databaseURL, record: options.record, values: values)
        let settings: BacktestSettings
        do { settings = try BacktestSettings(values: values) } catch { CommandOutput.fail("\(error)") }

        // Up to strategy_ranker.history_bars bars before --from warm the indicators up, as the services' history would.
        let (series, warmUp, files) = await RunInputs.bars(options, values: values, warmUpBars: settings.pipeline.historyBars)

        let plan = ReplayPlan(series: series, speed: 0)
        var engine = BacktestEngine(settings: settings)
        for step in ReplayPlan(series: warmUp, speed: 0).steps { engine.warmUp(step) }
        let progress = isatty(STDERR_FILENO) == 1
        let total = plan.steps.count
        for (index, step) in plan.steps.enumerated() {
            engine.process(step)
            if progress, index % 500 == 0 || index == total - 1 {
                let done = Double(index + 1) / Double(total)
                let filled = Int(done * 40)
                let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: 40 - filled)
                FileHandle.standardError.write(Data("\r[\(bar)] \(Int(done * 100))% \(index + 1)/\(total) steps".utf8))
            }
        }
        if progress { FileHandle.standardError.write(Data("\n".utf8)) }
        let result = engine.finish()
        let metrics = BacktestMetrics(initialCapital: result.initialCapital, equity: result.equity, trades: result.trades,
                                      sessions: result.sessions.count)
        let runConfig = BacktestRunConfig(values: settings.effectiveValues(strategyValues: values), data: files, from: options.from, to: options.to)

        let directory = URL(fileURLWithPath: out)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            CommandOutput.fail("\(out): cannot create: \(error.localizedDescription)")
        }
        CommandOutput.write(BacktestFiles.tradesCSV(result.trades), to: directory, "trades.csv")
        CommandOutput.write(BacktestFiles.equityCSV(result.equity, initialCapital: result.initialCapital), to: directory, "equity.csv")
        CommandOutput.write(BacktestFiles.json(metrics), to: directory, "metrics.json")
        CommandOutput.write(BacktestFiles.json(runConfig), to: directory, "config.json")
        CommandOutput.write(BacktestReport.html(metrics: metrics, equity: result.equity, trades: result.trades, config: runConfig),
                            to: directory, "report.html")

        var rows = [("Run folder", out), ("config_sha", String(runConfig.configSha.prefix(16))),
                    ("Bars", String(result.barCount)), ("Signals (top N)", String(result.signals)),
                    ("Approved", String(result.approved))]
        let rejected = result.rejectionsByGate.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        rows.append(("Rejected by gate", rejected.isEmpty ? "none" : rejected))
        let cancelled = result.cancelledEntries.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        rows.append(("Entries cancelled", cancelled.isEmpty ? "none" : cancelled))
        print(CommandOutput.table(rows + BacktestReport.summaryRows(metrics)), terminator: "")
        if let databaseURL {
            await RunRecorder.record(url: databaseURL, request: RunRecorder.request(kind: "backtest", strategies: options.strategy, files: files,
                                                                                    from: options.from, to: options.to, out: out),
                                     configSha: runConfig.configSha, metrics: metrics, verdict: nil, startedAt: startedAt)
        }
    }
}
