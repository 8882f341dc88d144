import Foundation

/// EMA crossover: BUY when the fast EMA closes above the slow EMA after being at or below
/// it on the previous bar, SELL on the opposite cross. The stop sits `stopAtrMultiple` ATRs
/// from the close and the target `rewardRisk` times that distance on the other side.
/// Needs both EMAs and the ATR to be warm; state is only the previous bar's EMAs.
public struct EmaCrossStrategy: Sendable {
    public struct Parameters: Sendable, Hashable {
        public var emaFast: Int
        public var emaSlow: Int
        public var atrPeriod: Int
        public var stopAtrMultiple: Double
        public var rewardRisk: Double
        public var tickSize: Paise
        /// TP2 at this multiple of the stop distance (TP1 is `rewardRisk`).
        public var rewardRisk2: Double

        public init(emaFast: Int = 9, emaSlow: Int = 21, atrPeriod: Int = 14,
                    stopAtrMultiple: Double = 1.5, rewardRisk: Double = 2.0, tickSize: Paise = Paise(5),
                    rewardRisk2: Double = 3.0) {
            self.rewardRisk2 = rewardRisk2
            self.emaFast = emaFast
            self.emaSlow = emaSlow
            self.atrPeriod = atrPeriod
            self.stopAtrMultiple = stopAtrMultiple
            self.rewardRisk = rewardRisk
            self.tickSize = tickSize
        }
    }

    public static let name = "ema_cross"
    public let parameters: Parameters
    private var previous: [String: (fast: Double, slow: Double)] = [:]

    /// `ema_<fast>`, `ema_<slow>`, `atr_<period>`: built once, read on every bar.
    let names: (fast: String, slow: String, atr: String)

    public init(parameters: Parameters) {
        self.parameters = parameters
        self.names = ("ema_\(parameters.emaFast)", "ema_\(parameters.emaSlow)", "atr_\(parameters.atrPeriod)")
    }

    /// The cross rule: BUY when the fast EMA moves from at or below the slow one to above it,
    /// SELL on the opposite move, nil otherwise. (`onBar` and the backtest's fast path both use it.)
    @inline(__always)
    public static func crossing(priorFast: Double, priorSlow: Double, fast: Double, slow: Double) -> Side? {
        if priorFast <= priorSlow && fast > slow { return .buy }
        if priorFast >= priorSlow && fast < slow { return .sell }
        return nil
    }

    /// Feeds one closed bar with its indicator snapshot; returns a signal on a cross.
    public mutating func onBar(_ bar: Bar, indicators: [String: Double]) -> TradeSignal? {
        guard let fast = indicators[names.fast], let slow = indicators[names.slow] else { return nil }
        let prior = previous[bar.symbol]
        previous[bar.symbol] = (fast, slow)
        guard let prior else { return nil }
        return signal(bar, prior: prior, fast: fast, slow: slow, indicators: indicators)
    }

    /// The signal of a bar whose EMAs are `fast` / `slow`, after a bar whose EMAs were `prior`.
    func signal(_ bar: Bar, prior: (fast: Double, slow: Double), fast: Double, slow: Double,
                indicators: [String: Double]) -> TradeSignal? {
        let (fastName, slowName, atrName) = names
        guard let atr = indicators[atrName], atr > 0 else { return nil }

        guard let side = Self.crossing(priorFast: prior.fast, priorSlow: prior.slow, fast: fast, slow: slow) else { return nil }

        let stopDistance = Paise(rupees: atr * parameters.stopAtrMultiple).rounded(toTick: parameters.tickSize)
        guard stopDistance > .zero else { return nil }
        let targetDistance = Paise(rupees: stopDistance.rupees * parameters.rewardRisk).rounded(toTick: parameters.tickSize)
        let entry = bar.close
        let stop = side == .buy ? entry - stopDistance : entry + stopDistance
        let target = side == .buy ? entry + targetDistance : entry - targetDistance
        let target2 = SignalLevels.target(side: side, entry: entry, stop: stop, multiple: max(parameters.rewardRisk2, parameters.rewardRisk),
                                          tick: parameters.tickSize)
        guard stop > .zero, target > .zero, target2 > .zero else { return nil }

        let separation = abs(fast - slow) / atr
        let confidence = min(1.0, 0.5 + separation)
        let direction = side == .buy ? "above" : "below"
        let rationale = "EMA\(parameters.emaFast) crossed \(direction) EMA\(parameters.emaSlow) at close \(entry.rupeeString); "
            + "stop \(parameters.stopAtrMultiple)×ATR(\(parameters.atrPeriod)) = \(stopDistance.rupeeString), "
            + "TP1 \(parameters.rewardRisk)R, TP2 \(max(parameters.rewardRisk2, parameters.rewardRisk))R"
        return TradeSignal(
            strategy: Self.name, symbol: bar.symbol, side: side, entry: entry, stop: stop, target: target,
            confidence: confidence, rationale: rationale,
            features: [fastName: fast, slowName: slow, atrName: atr, "separation_atr": separation],
            barStart: bar.start, target2: target2)
    }
}
