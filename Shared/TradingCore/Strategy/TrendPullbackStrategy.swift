/// Trend pullback: a trend of EMA-fast over EMA-slow separated by at least `minSeparationAtr`
/// ATRs with ADX ≥ `minAdx`; price dips into the zone EMA-fast ± `zoneAtr`×ATR and this bar
/// bounces (closes up, above the previous close and above EMA-fast; mirrored for shorts).
/// The stop is the tighter of just beyond the swing extreme of the last `swingBars` bars and
/// EMA-slow ∓ `slowStopAtr`×ATR; refused when the risk exceeds `maxRiskAtr`×ATR.
public struct TrendPullbackStrategy: TradingStrategy {
    public struct Parameters: Hashable, Sendable {
        public var emaFast = 34
        public var emaSlow = 89
        public var atrName = "atr_14"
        public var adxName = "adx_14"
        public var minAdx = 25.0
        public var minSeparationAtr = 0.5
        public var zoneAtr = 0.5
        public var swingBars = 10
        public var slowStopAtr = 1.0
        public var maxRiskAtr = 3.0
        public var tp1R = 1.5
        public var tp2R = 3.0
        public init() {}
    }

    public static let name = "trend_pullback"
    public var name: String { Self.name }
    public var defaultRegimes: [TradingRegime] { [.trend] }
    public let parameters: Parameters

    public init(parameters: Parameters = Parameters()) {
        self.parameters = parameters
    }

    public init(config: inout StrategyConfigReader) throws {
        var p = Parameters()
        p.emaFast = try config.int("ema_fast", default: p.emaFast, in: 2...500)
        p.emaSlow = try config.int("ema_slow", default: p.emaSlow, in: p.emaFast + 1...1000)
        p.minAdx = try config.double("min_adx", default: p.minAdx, in: 0...100)
        p.minSeparationAtr = try config.double("min_separation_atr", default: p.minSeparationAtr, in: 0...20)
        p.zoneAtr = try config.double("zone_atr", default: p.zoneAtr, in: 0...10)
        p.swingBars = try config.int("swing_bars", default: p.swingBars, in: 2...200)
        p.slowStopAtr = try config.double("slow_stop_atr", default: p.slowStopAtr, in: 0...10)
        p.maxRiskAtr = try config.double("max_risk_atr", default: p.maxRiskAtr, in: 0.1...20)
        p.tp1R = try config.double("tp1_r", default: p.tp1R, in: 0.1...20)
        p.tp2R = try config.double("tp2_r", default: p.tp2R, in: p.tp1R...40)
        self.init(parameters: p)
    }

    /// The extra EMA periods the service must compute from closes (marketdata does not publish them).
    public var requiredEmaPeriods: [Int] { [parameters.emaFast, parameters.emaSlow] }

    public func evaluate(_ context: StrategyContext) throws -> TradeSignal? {
        let p = parameters
        let current = context.current
        guard let previous = context.previous, let fast = current["ema_\(p.emaFast)"], let slow = current["ema_\(p.emaSlow)"],
              let atr = current[p.atrName], atr > 0, let adx = current[p.adxName] else { return nil }
        let separation = (fast - slow) / atr
        guard adx >= p.minAdx, abs(separation) >= p.minSeparationAtr else { return nil }
        let side: Side = separation > 0 ? .buy : .sell
        let bar = current.bar, tick = context.tickSize
        let (close, open, previousClose) = (bar.close.rupees, bar.open.rupees, previous.bar.close.rupees)
        let swing = context.history.suffix(p.swingBars)
        let stopRupees: Double
        switch side {
        case .buy:
            let dip = min(bar.low.rupees, previous.bar.low.rupees)
            guard dip <= fast + p.zoneAtr * atr, dip >= fast - p.zoneAtr * atr,
                  close > open, close > previousClose, close > fast else { return nil }
            let swingLow = swing.map(\.bar.low.rupees).min()! - tick.rupees
            stopRupees = max(swingLow, slow - p.slowStopAtr * atr)
        case .sell:
            let pop = max(bar.high.rupees, previous.bar.high.rupees)
            guard pop >= fast - p.zoneAtr * atr, pop <= fast + p.zoneAtr * atr,
                  close < open, close < previousClose, close < fast else { return nil }
            let swingHigh = swing.map(\.bar.high.rupees).max()! + tick.rupees
            stopRupees = min(swingHigh, slow + p.slowStopAtr * atr)
        }
        let entry = bar.close, stop = SignalLevels.price(rupees: stopRupees, tick: tick)
        let riskAtr = (entry - stop).magnitude.rupees / atr
        guard riskAtr <= p.maxRiskAtr else { return nil }
        let tp1 = SignalLevels.target(side: side, entry: entry, stop: stop, multiple: p.tp1R, tick: tick)
        let tp2 = SignalLevels.target(side: side, entry: entry, stop: stop, multiple: p.tp2R, tick: tick)
        guard SignalLevels.isCoherent(side: side, entry: entry, stop: stop, target: tp1, target2: tp2) else { return nil }
        let trend = side == .buy ? "up" : "down"
        let rationale = "\(trend)trend: EMA\(p.emaFast) \(Format.number(fast)) vs EMA\(p.emaSlow) \(Format.number(slow)) "
            + "(\(Format.number(abs(separation))) ATR apart), ADX \(Format.number(adx)); pulled back into EMA\(p.emaFast) ± "
            + "\(p.zoneAtr) ATR and bounced to \(entry.rupeeString); stop \(stop.rupeeString) (\(Format.number(riskAtr)) ATR); "
            + "TP1 \(p.tp1R)R, TP2 \(p.tp2R)R"
        return TradeSignal(
            strategy: name, symbol: bar.symbol, side: side, entry: entry, stop: stop, target: tp1,
            confidence: min(1, 0.5 + (adx - p.minAdx) / 50 + min(abs(separation), 2) / 10), rationale: rationale,
            features: ["ema_\(p.emaFast)": fast, "ema_\(p.emaSlow)": slow, p.atrName: atr, p.adxName: adx,
                       "separation_atr": separation, "risk_atr": riskAtr],
            barStart: bar.start, target2: tp2)
    }
}
