/// Breakout and retest of the Donchian channel: a bar closes above the previous bar's upper
/// channel (the breakout level); within `retestWindow` bars price comes back to within
/// `toleranceAtr`×ATR of that level without closing back through it, and this first retest bar
/// closes up, holding the level (mirrored below the lower channel). Stop `stopAtr`×ATR beyond
/// the lower of the level and the bar's low; TP1/TP2 in R.
public struct DonchianRetestStrategy: TradingStrategy {
    public struct Parameters: Hashable, Sendable {
        public var period = 20
        public var atrName = "atr_14"
        public var retestWindow = 10
        public var toleranceAtr = 0.25
        public var stopAtr = 0.5
        public var tp1R = 1.5
        public var tp2R = 3.0
        public var lastEntryMinute = 15 * 60 + 10
        public init() {}
    }

    public static let name = "donchian_retest"
    public var name: String { Self.name }
    public var defaultRegimes: [TradingRegime] { [.trend, .volatile] }
    public let parameters: Parameters

    public init(parameters: Parameters = Parameters()) {
        self.parameters = parameters
    }

    public init(config: inout StrategyConfigReader) throws {
        var p = Parameters()
        p.period = try config.int("period", default: p.period, in: 2...500)
        p.retestWindow = try config.int("retest_window", default: p.retestWindow, in: 1...200)
        p.toleranceAtr = try config.double("tolerance_atr", default: p.toleranceAtr, in: 0...5)
        p.stopAtr = try config.double("stop_atr", default: p.stopAtr, in: 0.01...10)
        p.tp1R = try config.double("tp1_r", default: p.tp1R, in: 0.1...20)
        p.tp2R = try config.double("tp2_r", default: p.tp2R, in: p.tp1R...40)
        p.lastEntryMinute = try config.time("last_entry", default: "15:10")
        self.init(parameters: p)
    }

    public func evaluate(_ context: StrategyContext) throws -> TradeSignal? {
        let p = parameters, history = context.history, last = history.count - 1
        guard context.closeMinuteOfDay <= p.lastEntryMinute, last >= 2, let atr = context.current[p.atrName], atr > 0 else { return nil }
        let upperName = "donchian_high_\(p.period)", lowerName = "donchian_low_\(p.period)"
        let tolerance = p.toleranceAtr * atr
        // The latest breakout before this bar, within the window: the first close beyond the
        // previous bar's channel after a close inside it (later closes beyond are continuation).
        func beyond(_ index: Int, _ side: Side) -> Double? {
            guard index >= 1, let level = history[index - 1][side == .buy ? upperName : lowerName] else { return nil }
            let close = history[index].bar.close.rupees
            return (side == .buy ? close > level : close < level) ? level : nil
        }
        for b in stride(from: last - 1, through: max(1, last - p.retestWindow), by: -1) {
            for side in [Side.buy, .sell] {
                guard let level = beyond(b, side), beyond(b - 1, side) == nil else { continue }
                let between = history[(b + 1)..<last]
                let failed = between.contains { side == .buy ? $0.bar.close.rupees < level : $0.bar.close.rupees > level }
                let retested = between.contains {
                    side == .buy ? $0.bar.low.rupees <= level + tolerance : $0.bar.high.rupees >= level - tolerance
                }
                guard !failed, !retested else { return nil }
                return retest(context, side: side, level: level, atr: atr, breakoutBars: last - b)
            }
        }
        return nil
    }

    private func retest(_ context: StrategyContext, side: Side, level: Double, atr: Double, breakoutBars: Int) -> TradeSignal? {
        let p = parameters, bar = context.bar, tick = context.tickSize
        let (close, open) = (bar.close.rupees, bar.open.rupees)
        let stopRupees: Double
        switch side {
        case .buy:
            guard bar.low.rupees <= level + p.toleranceAtr * atr, close > level, close > open else { return nil }
            stopRupees = min(level, bar.low.rupees) - p.stopAtr * atr
        case .sell:
            guard bar.high.rupees >= level - p.toleranceAtr * atr, close < level, close < open else { return nil }
            stopRupees = max(level, bar.high.rupees) + p.stopAtr * atr
        }
        let entry = bar.close, stop = SignalLevels.price(rupees: stopRupees, tick: tick)
        let tp1 = SignalLevels.target(side: side, entry: entry, stop: stop, multiple: p.tp1R, tick: tick)
        let tp2 = SignalLevels.target(side: side, entry: entry, stop: stop, multiple: p.tp2R, tick: tick)
        guard SignalLevels.isCoherent(side: side, entry: entry, stop: stop, target: tp1, target2: tp2) else { return nil }
        let rationale = "closed \(side == .buy ? "above the \(p.period)-bar high" : "below the \(p.period)-bar low") "
            + "\(Format.number(level)) \(breakoutBars) bars ago; first retest held the level and closed at \(entry.rupeeString); "
            + "stop \(stop.rupeeString); TP1 \(p.tp1R)R, TP2 \(p.tp2R)R"
        return TradeSignal(
            strategy: name, symbol: bar.symbol, side: side, entry: entry, stop: stop, target: tp1,
            confidence: min(1, 0.55 + Double(p.retestWindow - breakoutBars) / Double(4 * p.retestWindow)), rationale: rationale,
            features: ["breakout_level": level, p.atrName: atr, "bars_since_breakout": Double(breakoutBars),
                       "level_distance_atr": (close - level) / atr],
            barStart: bar.start, target2: tp2)
    }
}
