import Foundation
import Logging
import PostgresStore
import TradingCore

/// What `backtest` and `validate` read before running: the flattened configuration with the
/// command-line overrides, and the bar series (one per `--data` file or `--symbols` symbol,
/// limited to `--from`…`--to`) with what `config.json` records about each.
enum RunInputs {
    static func values(config: String?, strategy: String, capital: Double?, seed: UInt64?) -> [String: String] {
        var values: [String: String] = [:]
        if let config {
            do { values = try ConfigFile.load(config) } catch { CommandOutput.fail("\(config): \(error)") }
        }
        // --strategy replaces the config's list, which must still name known strategies.
        if let listed = values["strategies.enabled"] {
            do { _ = try StrategyBook.enabledNames(listed) } catch { CommandOutput.fail("\(error)") }
        }
        values["strategies.enabled"] = strategy
        if let capital { values["risk_gate.capital"] = String(format: "%.2f", capital) }
        if let seed { values["backtest.seed"] = String(seed) }
        return values
    }

    static func values(_ options: RunOptions) -> [String: String] {
        values(config: options.config, strategy: options.strategy, capital: options.capital, seed: options.seed)
    }

    /// The bars to run per symbol, with up to `warmUpBars` bars before `--from` per symbol
    /// (`BarWindow`; 0 for none).
    static func bars(_ options: RunOptions, values: [String: String],
                     warmUpBars: Int = 0) async -> (series: [[Bar]], warmUp: [[Bar]], files: [BacktestRunConfig.DataFile]) {
        let result = options.source == "postgres"
            ? await fromPostgres(options, values: values, warmUpBars: warmUpBars)
            : fromFiles(options.data, from: options.from, to: options.to, warmUpBars: warmUpBars)
        guard result.series.contains(where: { !$0.isEmpty }) else { CommandOutput.fail("no bars between --from and --to") }
        return result
    }

    static func fromFiles(_ data: [String], from: String?, to: String?,
                          warmUpBars: Int) -> (series: [[Bar]], warmUp: [[Bar]], files: [BacktestRunConfig.DataFile]) {
        var series: [[Bar]] = [], warmUp: [[Bar]] = []
        var files: [BacktestRunConfig.DataFile] = []
        for file in BarFileLoader.load(data) {
            let window = file.window(from: from, to: to, warmUpBars: warmUpBars)
            files.append(window.entry)
            series.append(window.run)
            warmUp.append(window.warmUp)
        }
        return (series, warmUp, files)
    }

    /// The bars of `--symbols` from the `bars` table, read from `--database-url` (else
    /// `AITRAPP_POSTGRES_URL`, else the config's `postgres.url`).
    static func fromPostgres(_ options: RunOptions, values: [String: String],
                             warmUpBars: Int) async -> (series: [[Bar]], warmUp: [[Bar]], files: [BacktestRunConfig.DataFile]) {
        guard let url = options.databaseURL ?? nonEmpty(ProcessInfo.processInfo.environment["AITRAPP_POSTGRES_URL"]) ?? nonEmpty(values["postgres.url"]) else {
            CommandOutput.fail("--source postgres: pass --database-url, or set AITRAPP_POSTGRES_URL or postgres.url in --config")
        }
        guard let timeframe = options.timeframeSeconds else { CommandOutput.fail("--timeframe: not a bar length: \(options.timeframe)") }
        var logger = Logger(label: "aitrapp")
        logger.logLevel = .error
        let database = PostgresDatabase(url: url, logger: logger, label: "aitrapp-bars", statementTimeoutSeconds: 300)
        let symbols = options.symbolList
        let (from, to) = (options.from, options.to)
        let read: [[Bar]]
        do {
            read = try await database.withConnection { db in
                // From the start when a warm-up is wanted: `BarWindow` keeps the last bars before --from.
                try symbols.map { try BarRepository.range(symbol: $0, timeframeSeconds: timeframe, fromDay: warmUpBars > 0 ? nil : from,
                                                          toDay: to, on: db) }
            }
        } catch {
            CommandOutput.fail("bars: cannot read from Postgres: \(error) (is the database migrated? `migrate up`)")
        }
        var files: [BacktestRunConfig.DataFile] = []
        var series: [[Bar]] = [], warmUp: [[Bar]] = []
        for (symbol, rows) in zip(symbols, read) {
            let window = BarWindow.split(rows, from: from, to: to, warmUpBars: warmUpBars)
            let bars = window.warmUp + window.run
            if window.run.isEmpty { FileHandle.standardError.write(Data("warning: bars: no \(symbol) bars of \(timeframe) s in the range\n".utf8)) }
            let check = BarSeriesCheck(starts: bars.map { Int64($0.start.timeIntervalSince1970.rounded(.down)) },
                                       timeframeSeconds: Int64(timeframe))
            BarFileLoader.warnGaps(check, name: "bars \(symbol)", unit: "row")
            // The digest covers every row the run used, warm-up included.
            var entry = BacktestRunConfig.DataFile(symbol: symbol, path: "bars", sha256: BarRowsDigest.sha256(bars, timeframeSeconds: timeframe),
                                                   bars: window.run.count, source: "postgres", timeframeSeconds: timeframe)
            entry.record(check, unit: "row")
            if !window.warmUp.isEmpty { entry.warmUpBars = window.warmUp.count }
            files.append(entry)
            series.append(window.run)
            warmUp.append(window.warmUp)
        }
        return (series, warmUp, files)
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
