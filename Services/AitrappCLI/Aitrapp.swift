import ArgumentParser
import Foundation
import TradingCore

@main
struct Aitrapp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aitrapp",
        abstract: "AITRAPP command-line tools.",
        subcommands: [Indicators.self, Jobs.self, Backtest.self, Report.self, Validate.self, Compare.self, BenchBacktest.self,
                      ImportBars.self]
    )
}

/// `aitrapp indicators --data bars.csv [--out out.csv]`: a strategy's inputs as CSV. The
/// computation is `IndicatorTable` in the core; this only reads, calls it and writes.
struct Indicators: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write every indicator of a bar file as CSV (empty cells during warm-up).",
        discussion: """
            The input is `timestamp,open,high,low,close,volume` with ISO-8601 timestamps \
            carrying an offset. The output is `timestamp` (IST, +05:30) then ema, rsi, atr, \
            adx, plus_di, minus_di, bb_mid, bb_upper, bb_lower, donchian_high, donchian_low, \
            obv, vwap, supertrend and supertrend_dir, named after the chosen periods.
            """
    )

    @Option(help: "Bar CSV to read.")
    var data: String

    @Option(help: "Where to write the CSV (standard output when absent).")
    var out: String?

    @Option(help: "Symbol the bars belong to.")
    var symbol = "NIFTY"

    @Option(help: "EMA period.") var ema = 20
    @Option(help: "RSI period.") var rsi = 14
    @Option(help: "ATR period.") var atr = 14
    @Option(help: "ADX (+DI/−DI) period.") var adx = 14
    @Option(help: "Bollinger period.") var bb = 20
    @Option(name: .customLong("bb-k"), help: "Bollinger multiplier.") var bbK = 2.0
    @Option(help: "Donchian period.") var donchian = 20
    @Option(help: "Supertrend ATR period.") var supertrend = 10
    @Option(name: .customLong("supertrend-k"), help: "Supertrend multiplier.") var supertrendK = 3.0

    var periods: IndicatorPeriods {
        IndicatorPeriods(ema: ema, rsi: rsi, atr: atr, adx: adx, bollinger: bb, bollingerK: bbK,
                         donchian: donchian, supertrend: supertrend, supertrendK: supertrendK)
    }

    func validate() throws {
        if let problem = periods.problem { throw ValidationError(problem) }
    }

    func run() throws {
        let text: String
        do {
            text = try String(contentsOfFile: data, encoding: .utf8)
        } catch {
            fail("\(data): cannot read: \(error.localizedDescription)")
        }
        let bars: [Bar]
        do {
            bars = try BarCSVParser(symbol: symbol).parse(text)
        } catch {
            fail("\(data):\(error.line): \(error.reason)")
        }
        let csv = IndicatorTable.csv(for: bars, periods: periods)
        if let out {
            do {
                try Data(csv.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                fail("\(out): cannot write: \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(csv.utf8))
        }
    }

    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(1)
    }
}
