import ArgumentParser
import Foundation
import TradingCore

/// The options `backtest` and `validate` share: where the bars come from (CSV files or the
/// Postgres `bars` table), the strategies, the config and its overrides, and recording.
struct RunOptions: ParsableArguments {
    @Option(name: .long, parsing: .upToNextOption, help: "Bar CSV files, as PATH (symbol NIFTY) or SYMBOL=PATH (with --source csv).")
    var data: [String] = []

    @Option(help: "Where the bars come from: csv (the --data files) or postgres (the bars table, --symbols).")
    var source = "csv"

    @Option(help: "With --source postgres: the symbols to read, comma-separated (e.g. NIFTY,BANKNIFTY).")
    var symbols: String?

    @Option(help: "With --source postgres: the bar length to read (1m, 5s, 15m…).")
    var timeframe = "1m"

    @Option(help: "Strategies to run, comma-separated (overrides strategies.enabled).")
    var strategy: String

    @Option(help: "YAML configuration (the services' layout, plus backtest and validation sections).")
    var config: String?

    @Option(help: "First IST day to trade, yyyy-MM-dd (backtest warms up on up to strategy_ranker.history_bars earlier bars; validate does not).") var from: String?
    @Option(help: "Last IST day to trade, yyyy-MM-dd.") var to: String?
    @Option(help: "Capital in rupees (overrides risk_gate.capital).") var capital: Double?
    @Option(help: "Seed for the slippage jitter and validate's Monte Carlo (overrides backtest.seed).") var seed: UInt64?

    @Option(name: .customLong("database-url"),
            help: "Record the run in this Postgres's backtest_runs table (with --source postgres, the bars are read from it too).")
    var databaseURL: String?

    @Flag(help: "Record the run in the services' Postgres (AITRAPP_POSTGRES_URL or postgres.url).") var record = false

    func validate() throws {
        for day in [from, to].compactMap({ $0 }) where !Self.isDay(day) {
            throw ValidationError("dates are yyyy-MM-dd, got '\(day)'")
        }
        if let capital, !(capital > 0) { throw ValidationError("--capital must be positive") }
        switch source {
        case "csv":
            guard !data.isEmpty else { throw ValidationError("--data: at least one bar file (or --source postgres --symbols …)") }
            guard symbols == nil else { throw ValidationError("--symbols goes with --source postgres; with csv, name files SYMBOL=PATH") }
            if data.count > 1, data.contains(where: { !$0.contains("=") }) {
                throw ValidationError("with several --data files, name each as SYMBOL=PATH")
            }
            try Self.refuseRepeats(data.map { $0.contains("=") ? String($0.prefix { $0 != "=" }) : "NIFTY" }, option: "--data")
        case "postgres":
            guard data.isEmpty else { throw ValidationError("--data goes with --source csv; with postgres, name --symbols") }
            guard !symbolList.isEmpty else { throw ValidationError("--source postgres needs --symbols, e.g. NIFTY,BANKNIFTY") }
            try Self.refuseRepeats(symbolList, option: "--symbols")
            guard let seconds = timeframeSeconds, seconds > 0 else {
                throw ValidationError("--timeframe: a bar length such as 1m, 5s or 15m, got '\(timeframe)'")
            }
        default:
            throw ValidationError("--source: csv or postgres, got '\(source)'")
        }
    }

    /// One series per symbol: the same symbol twice would feed every bar twice.
    static func refuseRepeats(_ symbols: [String], option: String) throws {
        var seen: Set<String> = []
        for symbol in symbols where !seen.insert(symbol).inserted {
            throw ValidationError("\(option): \(symbol) is given twice; one series per symbol")
        }
    }

    var symbolList: [String] {
        (symbols ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    var timeframeSeconds: Int? { Timeframe(timeframe)?.seconds }

    static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        return parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
            && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
    }
}
