/// Compares the open positions Postgres records for LIVE trading with Kite's net
/// positions (`GET /portfolio/positions`). Only the exchange and product the executor
/// trades count (NFO / MIS by default): a long-term holding or another app's NRML
/// position is not ours to judge. Pure: no I/O, the caller fetches both sides.
public enum PositionReconciliation {
    /// The symbols whose quantities differ, sorted by symbol. `ours` maps a trading symbol
    /// to its signed open quantity (long positive, short negative).
    public static func discrepancies(ours: [String: Int], broker: [KitePosition], exchange: String,
                                     product: String) -> [PositionDiscrepancy] {
        var theirs: [String: Int] = [:]
        for position in broker where position.exchange == exchange && position.product == product {
            theirs[position.tradingSymbol, default: 0] += position.quantity
        }
        return Set(ours.keys).union(theirs.keys).sorted().compactMap { symbol in
            let our = ours[symbol] ?? 0, their = theirs[symbol] ?? 0
            return our == their ? nil : PositionDiscrepancy(symbol: symbol, ourQuantity: our, brokerQuantity: their)
        }
    }

    /// Signed open quantity per symbol from (symbol, side, open quantity) rows.
    public static func netQuantities(_ rows: [(symbol: String, side: Side, openQuantity: Int)]) -> [String: Int] {
        var result: [String: Int] = [:]
        for row in rows { result[row.symbol, default: 0] += row.side == .buy ? row.openQuantity : -row.openQuantity }
        return result
    }
}
