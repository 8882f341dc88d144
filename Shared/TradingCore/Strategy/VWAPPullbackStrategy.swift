/// VWAP pullback on trend days: price trades on one side of the session VWAP with the
/// directional index agreeing (+DI over −DI for longs), dips to within `bandAtr`×ATR of VWAP
/// and this bar closes back away from it in the trend's direction. Stop beyond the bar's
/// extreme or VWAP ∓ `stopAtr`×ATR, whichever is further; TP1/TP2 in R.
public struct VWAPPullbackStrategy: TradingStrategy {
    public struct Parameters: Hashable, Sendable {
        public var atrName = "atr_14"
        public var bandAtr = 0.25
        public var stopAtr = 0.5
        public var tp1R = 1.5
        public var tp2R = 2.5
        /// No entry before this many minutes after 09:15 (VWAP is noisy early).
        public var minMinutesAfterOpen = 30
        public var lastEntryMinute = 15 * 60 + 10
        public init() {}
    }

    public static let name = "vwap_pullback"
    public var name: String { Self.name }
    public var defaultRegimes: [TradingRegime] { [.trend] }
    public let parameters: Parameters

    public init(parameters: Parameters = Parameters()) {
        self.parameters = parameters
    }

    public init(config: inout StrategyConfigReader) throws {
        var p = Parameters()
        p.bandAtr = try config.double("band_atr", default: p.bandAtr, in: 0...5)
        p.stopAtr = try config.double("stop_atr", default: p.stopAtr, in: 0.01...10)
        p.tp1R = try config.double("tp1_r", default: p.tp1R, in: 0.1...20)
        p.tp2R = try config.double("tp2_r", default: p.tp2R, in: p.tp1R...40)
        p.minMinutesAfterOpen = try config.int("min_minutes_after_open", default: p.minMinutesAfterOpen, in: 0...375)
        p.lastEntryMinute = try config.time("last_entry", default: "15:10")
        self.init(parameters: p)
    }

    public func evaluate(_ context: StrategyContext) throws -> TradeSignal? {
        let p = parameters, current = context.current, bar = current.bar, tick = context.tickSize
        guard context.closeMinuteOfDay <= p.lastEntryMinute,
              context.closeMinuteOfDay >= NSESession.openMinute + p.minMinutesAfterOpen,
              let vwap = current["vwap"], let atr = current[p.atrName], atr > 0,
              let plusDI = current["plus_di_14"], let minusDI = current["minus_di_14"] else { return nil }
        let (close, open, low, high) = (bar.close.rupees, bar.open.rupees, bar.low.rupees, bar.high.rupees)
        let side: Side
        let stopRupees: Double
        if plusDI > minusDI, close > vwap, low <= vwap + p.bandAtr * atr, close > open {
            side = .buy
            stopRupees = min(low, vwap - p.stopAtr * atr)
        } else if minusDI > plusDI, close < vwap, high >= vwap - p.bandAtr * atr, close < open {
            side = .sell
            stopRupees = max(high, vwap + p.stopAtr * atr)
        } else {
            return nil
        }
        let entry = bar.close, stop = SignalLevels.price(rupees: stopRupees, tick: tick)
        let tp1 = SignalLevels.target(side: side, entry: entry, stop: stop, multiple: p.tp1R, tick: tick)
        let tp2 = SignalLevels.target(side: side, entry: entry, stop: stop, multiple: p.tp2R, tick: tick)
        guard SignalLevels.isCoherent(side: side, entry: entry, stop: stop, target: tp1, target2: tp2) else { return nil }
        let distanceAtr = (close - vwap) / atr
        let rationale = "trend day (+DI \(Format.number(plusDI)) / −DI \(Format.number(minusDI))): pulled back to VWAP "
            + "\(Format.number(vwap)) and closed \(side == .buy ? "back above" : "back below") it at \(entry.rupeeString); "
            + "stop \(stop.rupeeString); TP1 \(p.tp1R)R, TP2 \(p.tp2R)R"
        return TradeSignal(
            strategy: name, symbol: bar.symbol, side: side, entry: entry, stop: stop, target: tp1,
            confidence: min(1, 0.5 + abs(plusDI - minusDI) / 50), rationale: rationale,
            features: ["vwap": vwap, p.atrName: atr, "plus_di_14": plusDI, "minus_di_14": minusDI, "vwap_distance_atr": distanceAtr],
            barStart: bar.start, target2: tp2)
    }
}
