import Foundation

/// The text of a run folder's files, built without I/O: `trades.csv`, `equity.csv`,
/// `metrics.json` and `config.json`. Times are IST ISO-8601 (`+05:30`), money is rupees with
/// two decimals, and JSON keys are sorted, so identical results give identical bytes.
public enum BacktestFiles {
    public static let tradesHeader = ["id", "strategy", "symbol", "side", "regime", "signal_bar", "entry_bar", "entry_price",
                                      "exit_bar", "exit_price", "quantity", "lots", "stop", "target", "gross_pnl", "fees",
                                      "net_pnl", "risk_amount", "r_multiple", "exit_reason", "bars_held"]

    public static func tradesCSV(_ trades: [BacktestTrade]) -> String {
        var text = tradesHeader.joined(separator: ",") + "\n"
        for trade in trades {
            let cells: [String] = [
                String(trade.id), trade.strategy, trade.symbol, trade.side.rawValue, trade.regime,
                IndicatorTable.istTimestamp(trade.signalBarStart), IndicatorTable.istTimestamp(trade.entryBarStart),
                trade.entryPrice.rupeeString, IndicatorTable.istTimestamp(trade.exitBarStart), trade.exitPrice.rupeeString,
                String(trade.quantity), String(trade.lots), trade.stop.rupeeString, trade.target.rupeeString,
                trade.grossPnl.rupeeString, trade.fees.rupeeString, trade.netPnl.rupeeString, trade.riskAmount.rupeeString,
                Format.number(trade.rMultiple, decimals: 4), trade.exitReason.rawValue, String(trade.barsHeld),
            ]
            text += cells.joined(separator: ",") + "\n"
        }
        return text
    }

    public static let equityHeader = ["timestamp", "equity", "drawdown_pct", "open_positions"]

    public static func equityCSV(_ equity: [EquityPoint], initialCapital: Paise) -> String {
        var text = equityHeader.joined(separator: ",") + "\n"
        var peak = initialCapital
        for point in equity {
            peak = max(peak, point.equity)
            let drawdown = peak.value > 0 ? Double((peak - point.equity).value) / Double(peak.value) * 100 : 0
            text += "\(IndicatorTable.istTimestamp(point.time)),\(point.equity.rupeeString),\(Format.number(drawdown, decimals: 4)),\(point.openPositions)\n"
        }
        return text
    }

    public static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        // Encoding plain value types cannot fail.
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)).map { $0 + "\n" } ?? "{}\n"
    }

    /// Reads `equity.csv` back (for `aitrapp report`); the error names the line.
    public static func parseEquity(_ text: String) throws(BarCSVParser.ParseError) -> [EquityPoint] {
        var points: [EquityPoint] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where index > 0 && !line.isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == equityHeader.count, let time = BarCSVParser.parseTimestamp(cells[0]),
                  let equity = Paise(rupeeString: cells[1]), let open = Int(cells[3]) else {
                throw BarCSVParser.ParseError(line: index + 1, reason: "not an equity row: \(line)")
            }
            points.append(EquityPoint(time: time, equity: equity, openPositions: open))
        }
        return points
    }

    /// Reads `trades.csv` back (for `aitrapp report`); the error names the line.
    public static func parseTrades(_ text: String) throws(BarCSVParser.ParseError) -> [BacktestTrade] {
        var trades: [BacktestTrade] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where index > 0 && !line.isEmpty {
            let c = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard c.count == tradesHeader.count, let id = Int(c[0]), let side = Side(rawValue: c[3]),
                  let signalBar = BarCSVParser.parseTimestamp(c[5]), let entryBar = BarCSVParser.parseTimestamp(c[6]),
                  let entry = Paise(rupeeString: c[7]), let exitBar = BarCSVParser.parseTimestamp(c[8]),
                  let exit = Paise(rupeeString: c[9]), let quantity = Int(c[10]), let lots = Int(c[11]),
                  let stop = Paise(rupeeString: c[12]), let target = Paise(rupeeString: c[13]),
                  let gross = Paise(rupeeString: c[14]), let fees = Paise(rupeeString: c[15]),
                  let risk = Paise(rupeeString: c[17]), let reason = ExitReason(rawValue: c[19]), let held = Int(c[20]) else {
                throw BarCSVParser.ParseError(line: index + 1, reason: "not a trade row: \(line)")
            }
            trades.append(BacktestTrade(id: id, strategy: c[1], symbol: c[2], side: side, regime: c[4], signalBarStart: signalBar,
                                        entryBarStart: entryBar, entryPrice: entry, exitBarStart: exitBar, exitPrice: exit,
                                        quantity: quantity, lots: lots, stop: stop, target: target, grossPnl: gross, fees: fees,
                                        riskAmount: risk, exitReason: reason, barsHeld: held))
        }
        return trades
    }
}
