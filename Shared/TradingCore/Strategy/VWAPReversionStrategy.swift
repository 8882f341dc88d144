/// VWAP reversion on range days: the close is stretched at least `deviationAtr`×ATR from the
/// session VWAP, RSI is at an extreme (≤ `rsiLow` for longs, ≥ `rsiHigh` for shorts) and the
/// bar turns back toward VWAP. Stop `stopAtr`×ATR beyond the bar's extreme; TP1 halfway back,
/// TP2 at VWAP; refused below `minRewardRisk` to TP2.
public struct VWAPReversionStrategy: TradingStrategy {
    public struct Parameters: Hashable, Sendable {
        public var atrName = "atr_14"
        public var rsiName = "rsi_14"
        public var deviationAtr = 1.5
        public var rsiLow = 35.0
        public var rsiHigh = 65.0
        public var stopAtr = 0.5
        public var minRewardRisk = 1.5
        public var lastEntryMinute = 15 * 60 + 10
        public init() {}
    }

    public static let name = "vwap_reversion"
    public var name: String { Self.name }
    public var defaultRegimes: [TradingRegime] { [.range] }
    public let parameters: Parameters

    public init(parameters: Parameters = Parameters()) {
        self.parameters = parameters
    }

    public init(config: inout StrategyConfigReader) throws {
        var p = Parameters()
        p.deviationAtr = try config.double("deviation_atr", default: p.deviationAtr, in: 0.1...10)
        p.rsiLow = try config.double("rsi_low", default: p.rsiLow, in: 0...50)
        p.rsiHigh = try config.double("rsi_high", default: p.rsiHigh, in: 50...100)
        p.stopAtr = try config.double("stop_atr", default: p.stopAtr, in: 0.01...10)
        p.minRewardRisk = try config.double("min_reward_risk", default: p.minRewardRisk, in: 0.1...20)
        p.lastEntryMinute = try config.time("last_entry", default: "15:10")
        self.init(parameters: p)
    }

    public func evaluate(_ context: StrategyContext) throws -> TradeSignal? {
        let p = parameters, current = context.current, bar = current.bar, tick = context.tickSize
        guard context.closeMinuteOfDay <= p.lastEntryMinute, let vwap = current["vwap"], let atr = current[p.atrName], atr > 0,
              let rsi = current[p.rsiName] else { return nil }
        let (close, open) = (bar.close.rupees, bar.open.rupees)
        let deviation = (close - vwap) / atr
        let side: Side
        let stopRupees: Double
        if deviation <= -p.deviationAtr, rsi <= p.rsiLow, close > open {
            side = .buy
            stopRupees = bar.low.rupees - p.stopAtr * atr
        } else if deviation >= p.deviationAtr, rsi >= p.rsiHigh, close < open {
            side = .sell
            stopRupees = bar.high.rupees + p.stopAtr * atr
        } else {
            return nil
        }
        let entry = bar.close, stop = SignalLevels.price(rupees: stopRupees, tick: tick)
        let tp2 = SignalLevels.price(rupees: vwap, tick: tick)
        let tp1 = SignalLevels.price(rupees: (close + vwap) / 2, tick: tick)
        guard SignalLevels.isCoherent(side: side, entry: entry, stop: stop, target: tp1, target2: tp2) else { return nil }
        let rewardRisk = Double((tp2 - entry).magnitude.value) / Double((entry - stop).magnitude.value)
        guard rewardRisk >= p.minRewardRisk else { return nil }
        let rationale = "range day: close \(entry.rupeeString) is \(Format.number(abs(deviation))) ATR "
            + "\(side == .buy ? "below" : "above") VWAP \(Format.number(vwap)) with RSI \(Format.number(rsi)) and the bar turned; "
            + "stop \(stop.rupeeString); TP1 halfway \(tp1.rupeeString), TP2 VWAP \(tp2.rupeeString); R:R \(Format.number(rewardRisk))"
        return TradeSignal(
            strategy: name, symbol: bar.symbol, side: side, entry: entry, stop: stop, target: tp1,
            confidence: min(1, 0.4 + abs(deviation) / 10 + abs(rsi - 50) / 100), rationale: rationale,
            features: ["vwap": vwap, p.atrName: atr, p.rsiName: rsi, "vwap_deviation_atr": deviation, "reward_risk": rewardRisk],
            barStart: bar.start, target2: tp2)
    }
}
