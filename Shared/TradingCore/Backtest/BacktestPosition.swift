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
    /// Partial exits so far (TP1 with TP2 on): units and price.
    var partialExits: [(quantity: Int, price: Paise)] = []

    init(signal: TradeSignal, decision: RiskDecision, lotSize: Int = 1, target2: Bool = false, target1Fraction: Double = 0.5) {
        self.signal = signal
        self.decision = decision
        let plan = target2 && signal.target2 != nil
            ? OcoPlan(side: signal.side, quantity: decision.quantity, lotSize: lotSize, stop: signal.stop, target1: signal.target,
                      target2: signal.target2, target1Fraction: target1Fraction)
            : OcoPlan(side: signal.side, quantity: decision.quantity, stop: signal.stop, target1: signal.target)
        self.oco = OcoGroup(plan: plan)
    }

    /// Units still open (the whole quantity until a partial exit).
    var openQuantity: Int { quantity - partialExits.reduce(0) { $0 + $1.quantity } }

    var filled: Bool { entryPrice != nil }
    var quantity: Int { decision.quantity }

    /// Gross P&L marked at `price`.
    func unrealised(at price: Paise) -> Paise {
        guard let entryPrice else { return .zero }
        var total = (price - entryPrice) * (Int64(openQuantity) * signal.side.sign)
        for exit in partialExits { total += (exit.price - entryPrice) * (Int64(exit.quantity) * signal.side.sign) }
        return total
    }

    /// What the risk state counts for this position.
    func exposure(lastPrice: Paise?) -> OpenExposure {
        OpenExposure(symbol: signal.symbol, underlying: signal.symbol, kind: .future, side: signal.side, quantity: quantity,
                     entry: entryPrice ?? signal.entry, stop: signal.stop, lastPrice: filled ? lastPrice : nil)
    }
}
