import Foundation

/// Opening-range breakout: the range is the high and low of the first `rangeMinutes` of the
/// session; the day's first run of `confirmations` consecutive closes beyond it is the entry
/// (BUY above, SELL below), at that close. The stop is the far side of the range or its middle;
/// TP1 and TP2 are multiples of the range height; refused below `minRewardRisk` to TP1 or after
/// `lastEntryMinute` (IST).
public struct OpeningRangeBreakoutStrategy: TradingStrategy {
    public struct Parameters: Hashable, Sendable {
        public var rangeMinutes = 15
        public var confirmations = 3
        /// `far` or `mid`.
        public var stopMode = "mid"
        public var minRewardRisk = 1.8
        public var tp1RangeMultiple = 1.5
        public var tp2RangeMultiple = 2.5
        public var lastEntryMinute = 15 * 60 + 10
        public init() {}
    }

    public static let name = "orb"
    public var name: String { Self.name }
    public var defaultRegimes: [TradingRegime] { [.trend, .volatile] }
    public let parameters: Parameters

    public init(parameters: Parameters = Parameters()) {
        self.parameters = parameters
    }

    public init(config: inout StrategyConfigReader) throws {
        var p = Parameters()
        p.rangeMinutes = try config.int("range_minutes", default: p.rangeMinutes, in: 1...120)
        p.confirmations = try config.int("confirmations", default: p.confirmations, in: 1...20)
        p.stopMode = try config.choice("stop_mode", default: p.stopMode, from: ["far", "mid"])
        p.minRewardRisk = try config.double("min_reward_risk", default: p.minRewardRisk, in: 0.1...20)
        p.tp1RangeMultiple = try config.double("tp1_range_multiple", default: p.tp1RangeMultiple, in: 0.1...20)
        p.tp2RangeMultiple = try config.double("tp2_range_multiple", default: p.tp2RangeMultiple, in: p.tp1RangeMultiple...40)
        p.lastEntryMinute = try config.time("last_entry", default: "15:10")
        self.init(parameters: p)
    }

    public func evaluate(_ context: StrategyContext) throws -> TradeSignal? {
        let p = parameters
        guard context.closeMinuteOfDay <= p.lastEntryMinute else { return nil }
        let bar = context.bar
        let open = IST.instant(onDayOf: bar.start, hour: 9, minute: 15)
        let rangeEnd = open.addingTimeInterval(Double(p.rangeMinutes * 60))
        let session = context.sessionBars
        let rangeBars = session.filter { $0.bar.start >= open && $0.bar.start < rangeEnd }
        guard let first = rangeBars.first, first.bar.start == open, bar.start >= rangeEnd else { return nil }
        let high = rangeBars.map(\.bar.high).max()!, low = rangeBars.map(\.bar.low).min()!
        guard high > low else { return nil }

        // The first confirmed breakout of the day, and whether it completes on this bar.
        let after = session.filter { $0.bar.start >= rangeEnd }
        var above = 0, below = 0
        var confirmed: (index: Int, side: Side)?
        for (index, item) in after.enumerated() {
            above = item.bar.close > high ? above + 1 : 0
            below = item.bar.close < low ? below + 1 : 0
            if above == p.confirmations { confirmed = (index, .buy); break }
            if below == p.confirmations { confirmed = (index, .sell); break }
        }
        guard let confirmed, confirmed.index == after.count - 1 else { return nil }

        let side = confirmed.side, tick = context.tickSize, entry = bar.close
        let rangeRupees = (high - low).rupees
        let mid = SignalLevels.price(rupees: (high.rupees + low.rupees) / 2, tick: tick)
        let stop = p.stopMode == "mid" ? mid : (side == .buy ? low : high)
        let tp1 = SignalLevels.offset(side: side, from: entry, rupees: rangeRupees * p.tp1RangeMultiple, tick: tick)
        let tp2 = SignalLevels.offset(side: side, from: entry, rupees: rangeRupees * p.tp2RangeMultiple, tick: tick)
        guard SignalLevels.isCoherent(side: side, entry: entry, stop: stop, target: tp1, target2: tp2) else { return nil }
        let rewardRisk = Double((tp1 - entry).magnitude.value) / Double((entry - stop).magnitude.value)
        guard rewardRisk >= p.minRewardRisk else { return nil }

        let edge = side == .buy ? "above the high \(high.rupeeString)" : "below the low \(low.rupeeString)"
        let rationale = "\(p.confirmations) closes \(edge) of the \(p.rangeMinutes)-min opening range "
            + "\(low.rupeeString)–\(high.rupeeString); stop at the range \(p.stopMode == "mid" ? "middle" : "far side") "
            + "\(stop.rupeeString); TP1 \(p.tp1RangeMultiple)× range, TP2 \(p.tp2RangeMultiple)× range; R:R \(Format.number(rewardRisk))"
        return TradeSignal(
            strategy: name, symbol: bar.symbol, side: side, entry: entry, stop: stop, target: tp1,
            confidence: min(1, 0.4 + 0.15 * rewardRisk), rationale: rationale,
            features: ["orb_high": high.rupees, "orb_low": low.rupees, "orb_range": rangeRupees, "reward_risk": rewardRisk,
                       "confirmations": Double(p.confirmations)],
            barStart: bar.start, target2: tp2)
    }
}
