import Foundation
import Logging
import PostgresStore
import TradingCore

/// Records a finished run in `backtest_runs` when asked to: `--database-url URL`, or `--record`
/// for the services' database (`AITRAPP_POSTGRES_URL`, else the config's `postgres.url`).
/// Without either nothing is written to Postgres. A failed write is an error (exit 1) after the
/// run folder has been written.
enum RunRecorder {
    static func url(databaseURL: String?, record: Bool, values: [String: String]) -> String? {
        if let databaseURL { return databaseURL }
        guard record else { return nil }
        if let url = ProcessInfo.processInfo.environment["AITRAPP_POSTGRES_URL"], !url.isEmpty { return url }
        if let url = values["postgres.url"], !url.isEmpty { return url }
        CommandOutput.fail("--record: set AITRAPP_POSTGRES_URL or postgres.url in --config (or pass --database-url)")
    }

    static func request(kind: String, strategies: String, files: [BacktestRunConfig.DataFile], from: String?, to: String?,
                        out: String) -> BacktestRunRepository.Request {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? String(decoding: encoder.encode(files), as: UTF8.self)) ?? "[]"
        return BacktestRunRepository.Request(id: UUID(), kind: kind, source: "cli", strategies: strategies, dataJSON: data,
                                             from: from, to: to, outDir: URL(fileURLWithPath: out).standardizedFileURL.path)
    }

    static func record(url: String, request: BacktestRunRepository.Request, configSha: String, metrics: BacktestMetrics,
                       verdict: String?, startedAt: Date) async {
        var logger = Logger(label: "aitrapp")
        logger.logLevel = .error
        let database = PostgresDatabase(url: url, logger: logger, label: "aitrapp-cli")
        let metricsJSON = BacktestFiles.json(metrics)
        do {
            try await database.withConnection { runner in
                try BacktestRunRepository.recordDone(request, configSha: configSha, metrics: metrics, metricsJSON: metricsJSON,
                                                     verdict: verdict, createdAt: startedAt, finishedAt: Date(), on: runner)
            }
        } catch {
            CommandOutput.fail("backtest_runs: not recorded: \(error)")
        }
        print("Recorded in backtest_runs as \(request.id.uuidString.lowercased())")
    }
}
