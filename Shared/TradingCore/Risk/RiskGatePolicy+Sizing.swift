extension RiskGatePolicy {
    /// Per-trade risk after fees, max lots, portfolio heat, exposure per underlying, margin and
    /// the freeze-quantity slice plan. Without a valid stop and a lot size nothing can be sized
    /// and every sizing gate fails.
    func size(_ signal: TradeSignal, instrument: InstrumentFacts, state: RiskState, validStop: Bool) -> TradeSizing {
        let lot = instrument.lotSize
        let kind = instrument.kind
        let charges = limits.charges
        var sizing = TradeSizing(verdicts: [], lots: 0, marginPerLot: .zero, slices: [],
                                 riskPerLot: signal.riskPerUnit * Int64(max(lot, 0))) { lots in
            charges.roundTrip(kind, entrySide: signal.side, entry: signal.entry, exit: signal.stop, quantity: lots * lot).total
        }
        let gates = ["per_trade_risk", "max_lots", "portfolio_heat", "underlying_exposure", "margin", "freeze_quantity"]
        guard validStop, lot > 0 else {
            let reason = lot > 0 ? "cannot size without a valid stop" : "lot size unknown"
            sizing.verdicts = gates.map { GateVerdict(gate: $0, passed: false, detail: reason) }
            return sizing
        }
        let budget = limits.riskBudget
        let affordable = sizing.largest(upTo: Int(budget.value / sizing.riskPerLot.value), within: budget)
        sizing.verdicts.append(GateVerdict(
            gate: "per_trade_risk", passed: affordable >= 1,
            detail: affordable >= 1
                ? "risk per lot \(sizing.riskPerLot.rupeeString) + charges; budget \(budget.rupeeString) → \(affordable) lots risking \(sizing.risk(affordable).rupeeString)"
                : "one lot risks \(sizing.risk(1).rupeeString) (charges \(sizing.fees(1).rupeeString)) > budget \(budget.rupeeString)",
            observed: sizing.risk(max(affordable, 1)).rupees, limit: budget.rupees))
        var lots = affordable
        lots = cap(&sizing, "max_lots", lots, limits.maxLotsPerTrade, "max lots per trade is \(limits.maxLotsPerTrade)")

        let heatRoom = limits.heatLimit - (state.readable ? state.openRisk : limits.heatLimit)
        let heatLots = heatRoom > .zero ? sizing.largest(upTo: max(lots, 1), within: heatRoom) : 0
        lots = cap(&sizing, "portfolio_heat", lots, heatLots,
                   "heat \(state.openRisk.rupeeString) + \(sizing.risk(max(heatLots, 1)).rupeeString) vs limit \(limits.heatLimit.rupeeString) (\(limits.portfolioHeatPercent) %)",
                   observed: (state.openRisk + sizing.risk(max(heatLots, 1))).rupees, limit: limits.heatLimit.rupees)

        let notionalPerLot = signal.entry * Int64(lot)
        let existing = state.exposureByUnderlying[instrument.underlying] ?? .zero
        let exposureRoom = limits.maxExposurePerUnderlying - existing
        let exposureLots = exposureRoom > .zero ? Int(exposureRoom.value / notionalPerLot.value) : 0
        lots = cap(&sizing, "underlying_exposure", lots, exposureLots,
                   "\(instrument.underlying) open \(existing.rupeeString) + \(notionalPerLot.rupeeString)/lot vs max \(limits.maxExposurePerUnderlying.rupeeString)",
                   observed: (existing + notionalPerLot).rupees, limit: limits.maxExposurePerUnderlying.rupees)

        let longOption = kind == .option && signal.side == .buy
        sizing.marginPerLot = longOption ? notionalPerLot : RiskLimits.percent(limits.marginPercent, of: notionalPerLot)
        let available = (state.startOfDayCapital ?? limits.capital) + state.realisedToday - state.marginUsed
        let marginLots = available > .zero && sizing.marginPerLot > .zero ? Int(available.value / sizing.marginPerLot.value) : 0
        lots = cap(&sizing, "margin", lots, marginLots,
                   "margin \(sizing.marginPerLot.rupeeString)/lot (\(longOption ? "premium" : "\(limits.marginPercent) % of notional")) vs available \(available.rupeeString)",
                   observed: sizing.marginPerLot.rupees, limit: available.rupees)

        let slices = SlicePlan.slices(quantity: max(lots, 1) * lot, lotSize: lot, freezeQuantity: instrument.freezeQuantity)
        sizing.slices = slices ?? []
        sizing.verdicts.append(GateVerdict(
            gate: "freeze_quantity", passed: slices != nil,
            detail: slices.map { "quantity \(max(lots, 1) * lot) in \($0.count) order(s) \($0) under freeze \(instrument.freezeQuantity.map(String.init) ?? "none")" }
                ?? "one lot of \(lot) reaches freeze quantity \(instrument.freezeQuantity ?? 0)",
            observed: Double(max(lots, 1) * lot), limit: instrument.freezeQuantity.map(Double.init)))
        sizing.lots = lots
        return sizing
    }

    /// Caps `lots` at `limitLots`; the gate fails when the cap leaves no whole lot.
    private func cap(_ sizing: inout TradeSizing, _ gate: String, _ lots: Int, _ limitLots: Int, _ detail: String,
                     observed: Double? = nil, limit: Double? = nil) -> Int {
        let capped = min(lots, max(limitLots, 0))
        let note = limitLots < lots && limitLots >= 1 ? ", capped at \(limitLots) lots" : ""
        sizing.verdicts.append(GateVerdict(gate: gate, passed: limitLots >= 1, detail: detail + note,
                                           observed: observed ?? Double(lots), limit: limit ?? Double(limitLots)))
        return capped
    }
}
