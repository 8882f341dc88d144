import Foundation

extension RiskGatePolicy {
    /// Readability and age, mode, leadership, paused, halted and the loss tripwires.
    func stateGates(_ state: RiskState, now: Date) -> [GateVerdict] {
        let age = state.readAt.map { now.timeIntervalSince($0) }
        let fresh = state.readable && age.map { $0 <= limits.maxStateAgeSeconds } == true
        var verdicts = [GateVerdict(gate: "state_readable", passed: fresh,
                                    detail: !state.readable ? "risk state unreadable: failing closed"
                                        : age.map { "state age \(Format.number($0, decimals: 3)) s of max \(limits.maxStateAgeSeconds) s" }
                                        ?? "risk state never read: failing closed",
                                    observed: age, limit: limits.maxStateAgeSeconds)]
        verdicts.append(GateVerdict(gate: "mode", passed: state.readable, detail: "mode \(state.mode.rawValue)"))
        verdicts.append(GateVerdict(gate: "leader", passed: state.leader,
                                    detail: state.leader ? "holds the risk-gate lease" : "another risk-gate holds the lease"))
        verdicts.append(GateVerdict(gate: "paused", passed: !state.paused,
                                    detail: state.paused ? "trading is paused" : "not paused"))
        verdicts.append(GateVerdict(gate: "halted", passed: !state.halted,
                                    detail: state.halted ? "halted: \(state.haltReason ?? "tripwire")" : "not halted"))
        let breaches = state.readable ? Tripwire.breaches(state, limits: limits) : []
        let start = state.startOfDayCapital ?? limits.capital
        let daily = breaches.first { $0.kind == .dailyLoss }
        verdicts.append(GateVerdict(gate: "daily_loss", passed: state.readable && daily == nil,
                                    detail: daily?.detail ?? "day P&L \(state.dayPnl.rupeeString) above −\(limits.dailyLossPercent) % of \(start.rupeeString)",
                                    observed: state.dayPnl.rupees, limit: -RiskLimits.percent(limits.dailyLossPercent, of: start).rupees))
        let rBreach = breaches.first { $0.kind != .dailyLoss }
        verdicts.append(GateVerdict(gate: "r_tripwire", passed: state.readable && rBreach == nil,
                                    detail: rBreach?.detail ?? "day \(Tripwire.format(state.rToday))R of −\(Tripwire.format(limits.dailyLossR))R, "
                                        + "week \(Tripwire.format(state.rWeek))R of −\(Tripwire.format(limits.weeklyLossR))R",
                                    observed: rBreach?.observed ?? state.rToday, limit: rBreach?.limit ?? -limits.dailyLossR))
        return verdicts
    }

    /// Entry window (bar time), instrument tradable, stop valid, spread and slippage.
    func signalGates(_ signal: TradeSignal, instrument: InstrumentFacts, quote: MarketQuote?) -> [GateVerdict] {
        let minute = IST.minuteOfDay(signal.barStart)
        let inWindow = EntryWindow.contains(signal.barStart, startMinute: limits.entryWindowStartMinute,
                                            endMinute: limits.entryWindowEndMinute)
        var verdicts = [GateVerdict(gate: "entry_window", passed: inWindow,
                                    detail: "bar \(IST.dayString(signal.barStart)) \(EntryWindow.label(minute)) IST, window "
                                        + "\(EntryWindow.label(limits.entryWindowStartMinute))–\(EntryWindow.label(limits.entryWindowEndMinute)) on weekdays",
                                    observed: Double(minute), limit: Double(limits.entryWindowEndMinute))]
        var problems: [String] = []
        if instrument.lotSize <= 0 { problems.append("not in instruments (lot size unknown)") }
        if !instrument.inUniverse { problems.append("not in the universe") }
        if instrument.banned { problems.append("in the F&O ban list") }
        if instrument.eventBlackout { problems.append("event blackout") }
        verdicts.append(GateVerdict(gate: "instrument_tradable", passed: problems.isEmpty,
                                    detail: problems.isEmpty ? "\(instrument.symbol) tradable, lot \(instrument.lotSize)"
                                        : "\(instrument.symbol): " + problems.joined(separator: ", ")))
        let validPrices = signal.entry > .zero && signal.stop > .zero && signal.riskPerUnit > .zero
            && (signal.side == .buy ? signal.stop < signal.entry : signal.stop > signal.entry)
        verdicts.append(GateVerdict(gate: "stop_valid", passed: validPrices,
                                    detail: "entry \(signal.entry.rupeeString) stop \(signal.stop.rupeeString) side \(signal.side.rawValue)"))
        verdicts += quoteGates(signal, quote: quote)
        return verdicts
    }

    func quoteGates(_ signal: TradeSignal, quote: MarketQuote?) -> [GateVerdict] {
        guard let quote, let spread = quote.spreadBps, signal.entry > .zero else {
            return [GateVerdict(gate: "spread", passed: true, detail: "no quote: spread not checked"),
                    GateVerdict(gate: "slippage", passed: true, detail: "no quote: slippage not checked")]
        }
        let touch = quote.touch(signal.side)
        let adverse = signal.side == .buy ? touch - signal.entry : signal.entry - touch
        let slippage = max(0, Double(adverse.value) * 10_000 / Double(signal.entry.value))
        return [
            GateVerdict(gate: "spread", passed: spread <= limits.maxSpreadBps,
                        detail: "bid \(quote.bid.rupeeString) ask \(quote.ask.rupeeString): spread \(Format.number(spread)) bps of max \(limits.maxSpreadBps)",
                        observed: spread, limit: limits.maxSpreadBps),
            GateVerdict(gate: "slippage", passed: slippage <= limits.maxSlippageBps,
                        detail: "fill at \(touch.rupeeString) vs entry \(signal.entry.rupeeString): \(Format.number(slippage)) bps of max \(limits.maxSlippageBps)",
                        observed: slippage, limit: limits.maxSlippageBps),
        ]
    }

    /// Max trades per day and max open positions.
    func countGates(_ state: RiskState) -> [GateVerdict] {
        let known = state.readable
        return [
            GateVerdict(gate: "max_trades_per_day", passed: known && state.tradesToday < limits.maxTradesPerDay,
                        detail: "trades today \(known ? String(state.tradesToday) : "unknown") of max \(limits.maxTradesPerDay)",
                        observed: known ? Double(state.tradesToday) : nil, limit: Double(limits.maxTradesPerDay)),
            GateVerdict(gate: "max_open_positions", passed: known && state.openPositions < limits.maxOpenPositions,
                        detail: "open \(known ? String(state.openPositions) : "unknown") of max \(limits.maxOpenPositions)",
                        observed: known ? Double(state.openPositions) : nil, limit: Double(limits.maxOpenPositions)),
        ]
    }
}
