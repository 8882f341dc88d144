import Foundation

/// An entry the risk gate approved and the backtest has filled, with its OCO group (stop and
/// TP1 target) — or, while `filled` is false, the approval waiting for its fill bar.
struct BacktestPosition: Sendable {
    var signal: TradeSignal
    var decision: RiskDecision
    var oco: OcoGroup
    var entryBarStart: Date?
    var entryPrice: Paise?
    var barsHeld = 0

    init(signal: TradeSignal, decision: RiskDecision) {
        self.signal = signal
        self.decision = decision
        self.oco = OcoGroup(plan: OcoPlan(side: signal.side, quantity: decision.quantity, stop: signal.stop, target1: signal.target))
    }

    var filled: Bool { entryPrice != nil }
    var quantity: Int { decision.quantity }

    /// Gross P&L marked at `price`.
    func unrealised(at price: Paise) -> Paise {
        guard let entryPrice else { return .zero }
        return (price - entryPrice) * (Int64(quantity) * signal.side.sign)
    }

    /// What the risk state counts for this position.
    func exposure(lastPrice: Paise?) -> OpenExposure {
        OpenExposure(symbol: signal.symbol, underlying: signal.symbol, kind: .future, side: signal.side, quantity: quantity,
                     entry: entryPrice ?? signal.entry, stop: signal.stop, lastPrice: filled ? lastPrice : nil)
    }
}
