import Foundation

/// `canEnter`: evaluates every gate (it does not stop at the first failure), each verdict with
/// the numbers behind it, and sizes the trade in whole lots:
/// lots = floor(risk budget / (|entry − stop| × lot size + charges)), capped by max lots,
/// portfolio heat, exposure per underlying and margin. A size capped to zero is a rejection
/// by the gate that capped it, never a silent zero-lot approval.
///
/// Pure: `now` (the service clock) is only used for the state's age; the entry window is
/// judged on the signal's bar time.
public struct RiskGatePolicy: Sendable {
    public let limits: RiskLimits

    public init(limits: RiskLimits) {
        self.limits = limits
    }

    public func canEnter(_ signal: TradeSignal, instrument: InstrumentFacts, quote: MarketQuote?, state: RiskState,
                         now: Date) -> RiskDecision {
        var verdicts = stateGates(state, now: now)
        verdicts += signalGates(signal, instrument: instrument, quote: quote)
        verdicts += countGates(state)
        let validStop = verdicts.first { $0.gate == "stop_valid" }?.passed ?? false
        let sizing = size(signal, instrument: instrument, state: state, validStop: validStop)
        verdicts += sizing.verdicts
        let approved = verdicts.allSatisfy(\.passed)
        let lots = approved ? sizing.lots : 0
        var decision = RiskDecision(approved: approved, verdicts: verdicts, lots: lots, lotSize: instrument.lotSize,
                                    riskAmount: approved ? sizing.risk(lots) : .zero)
        decision.fees = approved ? sizing.fees(lots) : .zero
        decision.heatBefore = state.readable ? state.openRisk : .zero
        decision.heatAfter = decision.heatBefore + decision.riskAmount
        decision.marginRequired = approved ? sizing.marginPerLot * Int64(lots) : .zero
        decision.slices = approved ? sizing.slices : []
        return decision
    }
}
