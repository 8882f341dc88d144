import Foundation

/// The raw feature values and penalty checks of one candidate (pure functions of its context).
public enum RankingInputs {
    public static func features(_ candidate: RankingCandidate, _ p: RankingParameters) -> [RankingFeature: Double] {
        let context = candidate.context, current = context.current, sign = Double(candidate.signal.side.sign)
        let close = current.bar.close.rupees
        let atr = current[p.atrName].flatMap { $0 > 0 ? $0 : nil } ?? max(close * 0.001, 0.01)
        let history = context.history
        let back = history[max(0, history.count - 1 - p.momentumBars)].bar.close.rupees
        let momentum = sign * (close - back) / atr
        let trend = current[p.emaFastName].flatMap { fast in current[p.emaSlowName].map { sign * (fast - $0) / atr } } ?? 0
        var liquidity = log10(1 + Double(max(0, current.bar.volume)))
        if let atm = atmRow(context) {
            liquidity += log10(1 + Double(max(0, atm.quote.openInterest))) - 100 * (OptionQuoteFilter.spreadFraction(atm) ?? 0.01)
        }
        let regime = context.regime.regime
        let fit = candidate.regimes.first == regime ? 1.0 : (candidate.regimes.contains(regime) ? 0.5 : 0)
        return [.momentum: momentum, .trend: trend, .liquidity: liquidity, .regimeFit: fit,
                .rewardRisk: candidate.signal.rewardRisk]
    }

    public static func penalties(_ candidate: RankingCandidate, openSymbols: Set<String>, _ p: RankingParameters) -> [AppliedPenalty] {
        let context = candidate.context, signal = candidate.signal, current = context.current
        var result: [AppliedPenalty] = []
        if let reason = illiquidity(candidate, p) { result.append(AppliedPenalty(name: "illiquid", factor: p.illiquidFactor, reason: reason)) }
        if context.events.eventWithin(minutes: p.eventMinutes), let event = context.events.nearestEvent,
           let minutes = context.events.minutesToEvent {
            result.append(AppliedPenalty(name: "event_proximity", factor: p.eventFactor,
                                         reason: "\(event.kind.rawValue) '\(event.title)' \(minutes) min away"))
        }
        if !signal.isOptions, let vwap = current["vwap"], let atr = current[p.atrName], atr > 0 {
            let distance = abs(signal.entry.rupees - vwap) / atr
            if distance > p.vwapFarAtr {
                result.append(AppliedPenalty(name: "far_from_vwap", factor: p.vwapFarFactor,
                                             reason: "entry \(Format.number(distance)) ATR from VWAP \(Format.number(vwap))"))
            }
        }
        let correlated = openSymbols.filter { open in
            open == signal.symbol || p.correlatedGroups.contains { $0.contains(open) && $0.contains(signal.symbol) }
        }.sorted()
        if !correlated.isEmpty {
            result.append(AppliedPenalty(name: "correlated_position", factor: p.correlationFactor,
                                         reason: "open position in \(correlated.joined(separator: ", "))"))
        }
        return result
    }

    static func illiquidity(_ candidate: RankingCandidate, _ p: RankingParameters) -> String? {
        let context = candidate.context
        if p.minBarVolume > 0, context.bar.volume < p.minBarVolume {
            return "bar volume \(context.bar.volume) below \(p.minBarVolume)"
        }
        if let chain = context.chain {
            for leg in candidate.signal.legs {
                if let row = chain.row(strike: leg.strike, kind: leg.kind), let spread = OptionQuoteFilter.spreadFraction(row),
                   spread > p.maxSpreadFraction {
                    return "leg \(leg.strike.rupeeString) spread \(Format.percent(spread)) above \(Format.percent(p.maxSpreadFraction))"
                }
            }
            if let atm = atmRow(context), let spread = OptionQuoteFilter.spreadFraction(atm), spread > p.maxSpreadFraction {
                return "ATM option spread \(Format.percent(spread)) above \(Format.percent(p.maxSpreadFraction))"
            }
        }
        return nil
    }

    /// The ATM call of the context's chain, if quoted.
    static func atmRow(_ context: StrategyContext) -> ChainGreeksRow? {
        guard let chain = context.chain, let atm = chain.atmStrike else { return nil }
        return chain.row(strike: atm, kind: .call)
    }
}
