import Foundation

/// An entry the risk gate approved and the backtest has filled, with its OCO group (stop and
/// targets) and exit tracker — or, while `filled` is false, the approval waiting for its fill bar.
struct BacktestPosition: Sendable {
    var signal: TradeSignal
    var decision: RiskDecision
    var oco: OcoGroup
    var entryBarStart: Date?
    var entryPrice: Paise?
    var barsHeld = 0
    /// Partial exits so far (TP1 with TP2 on): units and price.
    var partialExits: [(quantity: Int, price: Paise)] = []

    /// The executor's exit rules (`backtest.exits: executor`), from the entry fill on.
    var tracker: ExitTracker?

    init(signal: TradeSignal, decision: RiskDecision, plan: OcoPlan) {
        self.signal = signal
        self.decision = decision
        self.oco = OcoGroup(plan: plan)
    }

    /// The OCO plan of an approved signal: the executor's (targets at the policy's R multiples
    /// from the signal's entry and stop, as the executor plans a decision) or the signal's bracket.
    static func plan(signal: TradeSignal, quantity: Int, lotSize: Int, settings: BacktestSettings) -> OcoPlan {
        if let policy = settings.exits.policy {
            return policy.plan(side: signal.side, quantity: quantity, lotSize: lotSize, entry: signal.entry, stop: signal.stop,
                               tickSize: settings.pipeline.tickSize)
        }
        if settings.useTarget2, signal.target2 != nil {
            return OcoPlan(side: signal.side, quantity: quantity, lotSize: lotSize, stop: signal.stop, target1: signal.target,
                           target2: signal.target2, target1Fraction: settings.target1Fraction)
        }
        return OcoPlan(side: signal.side, quantity: quantity, stop: signal.stop, target1: signal.target)
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
                     entry: entryPrice ?? signal.entry, stop: oco.stopTrigger, lastPrice: filled ? lastPrice : nil)
    }
}
