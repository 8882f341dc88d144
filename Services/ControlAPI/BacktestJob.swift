import Foundation
import PostgresStore
import TradingCore

/// One `POST /backtest` job: RUNNING, read and check the bar files, run `BacktestEngine`, write
/// the run folder (the same files as `aitrapp backtest`), then DONE with the metrics — or FAILED
/// with the reason (a bad file names its line; duplicated or unsorted rows are all named).
enum BacktestJob {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ job: BacktestRunRepository.Request, inputs: [(symbol: String, path: String)], values: [String: String],
                    database: PostgresDatabase) async {
        let startedAt = Date()
        do {
            try await database.withConnection { db in try BacktestRunRepository.markRunning(job.id, on: db) }
            let settings = try BacktestSettings(values: values)
            var series: [[Bar]] = [], warmUp: [[Bar]] = []
            var files: [BacktestRunConfig.DataFile] = []
            for input in inputs {
                guard let data = FileManager.default.contents(atPath: input.path) else { throw Failure(description: "\(input.path): cannot read") }
                let name = URL(fileURLWithPath: input.path).lastPathComponent
                let file: CheckedBarFile
                do { file = try CheckedBarFile(symbol: input.symbol, path: input.path, bytes: [UInt8](data)) } catch {
                    throw Failure(description: "\(name):\(error.line): \(error.reason)")
                }
                // Duplicated or unsorted rows fail the job, every one named; gaps are recorded.
                guard file.check.isAccepted else { throw Failure(description: file.check.refusalLines(name: name).joined(separator: "; ")) }
                // As the CLI: the days from…to, warmed up on up to strategy_ranker.history_bars bars before `from`.
                let window = file.window(from: job.from, to: job.to, warmUpBars: settings.pipeline.historyBars)
                files.append(window.entry)
                series.append(window.run)
                warmUp.append(window.warmUp)
            }
            guard series.contains(where: { !$0.isEmpty }) else { throw Failure(description: "no bars between from and to") }
            let result = BacktestEngine.run(series: series, warmUp: warmUp, settings: settings)
            let metrics = BacktestMetrics(initialCapital: result.initialCapital, equity: result.equity, trades: result.trades,
                                          sessions: result.sessions.count)
            let config = BacktestRunConfig(values: settings.effectiveValues(strategyValues: values), data: files, from: job.from, to: job.to)
            let folder = URL(fileURLWithPath: job.outDir ?? ".data/backtests/\(job.id.uuidString.lowercased())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let outputs = [("trades.csv", BacktestFiles.tradesCSV(result.trades)),
                           ("equity.csv", BacktestFiles.equityCSV(result.equity, initialCapital: result.initialCapital)),
                           ("metrics.json", BacktestFiles.json(metrics)), ("config.json", BacktestFiles.json(config)),
                           ("report.html", BacktestReport.html(metrics: metrics, equity: result.equity, trades: result.trades, config: config))]
            for (name, text) in outputs { try Data(text.utf8).write(to: folder.appendingPathComponent(name), options: .atomic) }
            var done = job
            done.dataJSON = BacktestFiles.json(files)
            let record = done
            try await database.withConnection { db in
                try BacktestRunRepository.recordDone(record, configSha: config.configSha, metrics: metrics, metricsJSON: BacktestFiles.json(metrics),
                                                     verdict: nil, createdAt: startedAt, finishedAt: Date(), on: db)
            }
        } catch {
            let reason = "\(error)"
            _ = try? await database.withConnection { db in try BacktestRunRepository.markFailed(job.id, error: reason, at: Date(), on: db) }
        }
    }
}
