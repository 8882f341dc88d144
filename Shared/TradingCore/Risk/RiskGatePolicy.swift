/// `canEnter`: evaluates every gate (it does not stop at the first failure) and sizes the
/// trade in whole lots: lots = floor(risk budget / (|entry − stop| × lot size)), capped by
/// the per-trade lot limit. One lot that exceeds the budget is a rejection, never a
/// silent size of zero.
public struct RiskGatePolicy: Sendable {
    public let limits: RiskLimits

    public init(limits: RiskLimits) {
        self.limits = limits
    }

    public func canEnter(_ signal: TradeSignal, lotSize: Int, state: RiskState) -> RiskDecision {
        var verdicts: [GateVerdict] = []
        verdicts.append(GateVerdict(gate: "state_readable", passed: state.readable,
                                    detail: state.readable ? "risk state read" : "risk state unreadable: failing closed"))
        verdicts.append(GateVerdict(gate: "paused", passed: !state.paused,
                                    detail: state.paused ? "trading is paused" : "not paused"))
        verdicts.append(GateVerdict(gate: "halted", passed: !state.halted,
                                    detail: state.halted ? "tripwire halted new entries" : "not halted"))
        let roomForPosition = state.openPositions < limits.maxOpenPositions
        verdicts.append(GateVerdict(gate: "max_open_positions", passed: roomForPosition,
                                    detail: "open \(state.readable ? String(state.openPositions) : "unknown") of max \(limits.maxOpenPositions)"))

        let validPrices = signal.entry > .zero && signal.stop > .zero && signal.riskPerUnit > .zero
            && (signal.side == .buy ? signal.stop < signal.entry : signal.stop > signal.entry)
        verdicts.append(GateVerdict(gate: "stop_valid", passed: validPrices,
                                    detail: "entry \(signal.entry.rupeeString) stop \(signal.stop.rupeeString) side \(signal.side.rawValue)"))

        var lots = 0
        var riskAmount = Paise.zero
        let budget = limits.riskBudget
        if validPrices, lotSize > 0 {
            let riskPerLot = signal.riskPerUnit * Int64(lotSize)
            let affordable = Int(budget.value / riskPerLot.value)
            lots = min(affordable, limits.maxLotsPerTrade)
            riskAmount = riskPerLot * Int64(lots)
            let detail = "risk per lot \(riskPerLot.rupeeString) budget \(budget.rupeeString) → \(affordable) lots"
                + (affordable > limits.maxLotsPerTrade ? ", capped at \(limits.maxLotsPerTrade)" : "")
            let rejection = affordable >= 1
                ? "max lots per trade is \(limits.maxLotsPerTrade)"
                : "one lot risks \(riskPerLot.rupeeString) > budget \(budget.rupeeString)"
            verdicts.append(GateVerdict(gate: "per_trade_risk", passed: lots >= 1,
                                        detail: lots >= 1 ? detail : rejection))
        } else {
            verdicts.append(GateVerdict(gate: "per_trade_risk", passed: false,
                                        detail: lotSize > 0 ? "cannot size without a valid stop" : "lot size unknown"))
        }

        let approved = verdicts.allSatisfy(\.passed)
        return RiskDecision(approved: approved, verdicts: verdicts, lots: approved ? lots : 0,
                            lotSize: lotSize, riskAmount: approved ? riskAmount : .zero)
    }
}
