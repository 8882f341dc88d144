import Foundation

/// Everything a closed trade is judged by: money after charges, R multiple, the worst
/// and best it got (MAE / MFE, in paise for the whole quantity), time held, why it closed.
public struct TradeMetrics: Hashable, Sendable, Codable {
    public var result: TradeResult
    /// Net P&L over the money at risk at entry (|entry − initial stop| × quantity); 0 without risk.
    public var rMultiple: Double
    public var maePaise: Paise
    public var mfePaise: Paise
    public var holdingSeconds: Int
    public var exitReason: ExitReason

    public init(side: Side, quantity: Int, averageEntry: Paise, averageExit: Paise, initialStop: Paise, charges: Paise,
                maePerUnit: Paise, mfePerUnit: Paise, openedAt: Date, closedAt: Date, exitReason: ExitReason) {
        result = TradeResult.roundTrip(side: side, quantity: quantity, entry: averageEntry, exit: averageExit, fees: charges)
        let risk = (averageEntry - initialStop).magnitude * Int64(quantity)
        rMultiple = risk > .zero ? Double(result.netPnl.value) / Double(risk.value) : 0
        // The excursions can never be smaller than what the exit itself realised.
        let realised = (averageExit - averageEntry).value * side.sign
        maePaise = Paise(max(maePerUnit.value, -realised, 0)) * Int64(quantity)
        mfePaise = Paise(max(mfePerUnit.value, realised, 0)) * Int64(quantity)
        holdingSeconds = max(0, Int(closedAt.timeIntervalSince(openedAt).rounded()))
        self.exitReason = exitReason
    }
}
