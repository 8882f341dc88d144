import Foundation

/// Options ranker: with a directional bias (EMA fast over slow and close over VWAP for calls,
/// the mirror for puts) it picks the contract whose |delta| in `minDelta…maxDelta` is nearest
/// `targetDelta`, among quotes with a bid/ask spread ≤ `maxSpreadFraction` of mid and the open
/// interest and volume floors, at most `maxDte` days to expiry, and only while the ATM IV
/// percentile is in `minIvPercentile…maxIvPercentile`. It buys that leg alone or, as a debit
/// spread, sells the contract `spreadWidthStrikes` strikes further out of the money.
/// Prices are the net premium: stop at `stopFraction` of it lost, TP1/TP2 as multiples.
public struct OptionsRankerStrategy: TradingStrategy {
    public struct Parameters: Hashable, Sendable {
        public var minDelta = 0.30
        public var maxDelta = 0.50
        public var targetDelta = 0.40
        public var minIvPercentile = 0.0
        public var maxIvPercentile = 0.6
        public var minIvSamples = 20
        public var maxDte = 7.0
        public var filter = OptionQuoteFilter(maxSpreadFraction: 0.005, minOpenInterest: 0, minVolume: 0)
        /// `single` or `debit_spread`.
        public var structure = "single"
        public var spreadWidthStrikes = 2
        public var stopFraction = 0.5
        public var tp1Multiple = 1.5
        public var tp2Multiple = 2.0
        public init() {}
    }

    public static let name = "options_ranker"
    public var name: String { Self.name }
    public var defaultRegimes: [TradingRegime] { [.trend, .volatile] }
    public let parameters: Parameters

    public init(parameters: Parameters = Parameters()) {
        self.parameters = parameters
    }

    public init(config: inout StrategyConfigReader) throws {
        var p = Parameters()
        p.minDelta = try config.double("min_delta", default: p.minDelta, in: 0.01...0.99)
        p.maxDelta = try config.double("max_delta", default: p.maxDelta, in: p.minDelta...0.99)
        p.targetDelta = try config.double("target_delta", default: (p.minDelta + p.maxDelta) / 2, in: p.minDelta...p.maxDelta)
        p.minIvPercentile = try config.double("min_iv_percentile", default: p.minIvPercentile, in: 0...1)
        p.maxIvPercentile = try config.double("max_iv_percentile", default: p.maxIvPercentile, in: p.minIvPercentile...1)
        p.minIvSamples = try config.int("min_iv_samples", default: p.minIvSamples, in: 0...100_000)
        p.maxDte = try config.double("max_dte", default: p.maxDte, in: 0...60)
        p.filter.maxSpreadFraction = try config.double("max_spread_pct", default: 0.5, in: 0...100) / 100
        p.filter.minOpenInterest = Int64(try config.int("min_open_interest", default: 0, in: 0...Int(Int32.max)))
        p.filter.minVolume = Int64(try config.int("min_volume", default: 0, in: 0...Int(Int32.max)))
        p.structure = try config.choice("structure", default: p.structure, from: ["single", "debit_spread"])
        p.spreadWidthStrikes = try config.int("spread_width_strikes", default: p.spreadWidthStrikes, in: 1...20)
        p.stopFraction = try config.double("stop_fraction", default: p.stopFraction, in: 0.05...0.95)
        p.tp1Multiple = try config.double("tp1_multiple", default: p.tp1Multiple, in: 1.01...20)
        p.tp2Multiple = try config.double("tp2_multiple", default: p.tp2Multiple, in: p.tp1Multiple...40)
        self.init(parameters: p)
    }

    public func evaluate(_ context: StrategyContext) throws -> TradeSignal? {
        let p = parameters, current = context.current
        guard let chain = context.chain, let ivPercentile = context.ivPercentile, context.ivHistory.count >= p.minIvSamples,
              (p.minIvPercentile...p.maxIvPercentile).contains(ivPercentile),
              let fast = current["ema_9"], let slow = current["ema_21"] else { return nil }
        let dte = chain.expiry.timeIntervalSince(context.now) / 86_400
        guard dte >= 0, dte <= p.maxDte else { return nil }
        let close = current.bar.close.rupees, vwap = current["vwap"] ?? close
        let kind: OptionKind
        if fast > slow && close >= vwap { kind = .call } else if fast < slow && close <= vwap { kind = .put } else { return nil }
        let candidates = chain.rows.filter { row in
            guard row.quote.kind == kind, let delta = row.greeks?.delta else { return false }
            return (p.minDelta...p.maxDelta).contains(abs(delta)) && p.filter.accepts(row)
        }
        guard let pick = candidates.min(by: { abs(abs($0.greeks!.delta) - p.targetDelta) < abs(abs($1.greeks!.delta) - p.targetDelta) }),
              let long = OptionQuoteFilter.leg(pick, side: .buy, expiry: chain.expiry) else { return nil }
        var legs = [long]
        var entry = long.premium
        var cap: Paise?
        if p.structure == "debit_spread" {
            let strikes = chain.rows.filter { $0.quote.kind == kind }.map(\.quote.strike).sorted()
            guard let index = strikes.firstIndex(of: long.strike) else { return nil }
            let shortIndex = kind == .call ? index + p.spreadWidthStrikes : index - p.spreadWidthStrikes
            guard strikes.indices.contains(shortIndex), let row = chain.row(strike: strikes[shortIndex], kind: kind),
                  let short = OptionQuoteFilter.leg(row, side: .sell, expiry: chain.expiry) else { return nil }
            legs.append(short)
            entry = long.premium - short.premium
            cap = (short.strike - long.strike).magnitude
        }
        let tick = context.tickSize
        entry = entry.rounded(toTick: tick)
        guard entry > .zero else { return nil }
        let stop = SignalLevels.price(rupees: entry.rupees * (1 - p.stopFraction), tick: tick)
        var tp1 = SignalLevels.price(rupees: entry.rupees * p.tp1Multiple, tick: tick)
        var tp2 = SignalLevels.price(rupees: entry.rupees * p.tp2Multiple, tick: tick)
        if let cap {
            tp1 = min(tp1, SignalLevels.price(rupees: entry.rupees + (cap - entry).rupees * 0.5, tick: tick))
            tp2 = min(tp2, SignalLevels.price(rupees: entry.rupees + (cap - entry).rupees * 0.8, tick: tick))
        }
        guard SignalLevels.isCoherent(side: .buy, entry: entry, stop: stop, target: tp1, target2: tp2) else { return nil }
        let underlying = current.bar.symbol
        let kindName = kind == .call ? "CE" : "PE"
        let instrument = p.structure == "debit_spread"
            ? "\(underlying) \(IST.dayString(chain.expiry)) \(legs[0].strike.rupeeString)/\(legs[1].strike.rupeeString) \(kindName) DEBIT_SPREAD"
            : "\(underlying) \(IST.dayString(chain.expiry)) \(long.strike.rupeeString) \(kindName)"
        let rationale = "\(kind == .call ? "bullish" : "bearish") bias (EMA9 \(Format.number(fast)) vs EMA21 \(Format.number(slow)), "
            + "close vs VWAP \(Format.number(vwap))); \(legs.map { $0.describe(underlying: underlying) }.joined(separator: " + ")) "
            + "at delta \(Format.number(long.delta)), IV \(Format.percent(long.impliedVolatility)) (ATM IV percentile "
            + "\(Format.percent(ivPercentile, decimals: 0))), \(Format.number(dte, decimals: 1)) days to expiry; net debit "
            + "\(entry.rupeeString), stop \(stop.rupeeString), TP1 \(tp1.rupeeString), TP2 \(tp2.rupeeString)"
        return TradeSignal(
            strategy: name, symbol: underlying, side: .buy, entry: entry, stop: stop, target: tp1,
            confidence: min(1, 0.5 + (1 - ivPercentile) / 4 + (0.1 - abs(abs(long.delta) - p.targetDelta))),
            rationale: rationale,
            features: ["delta": long.delta, "iv": long.impliedVolatility, "iv_percentile": ivPercentile, "dte": dte,
                       "spread_fraction": OptionQuoteFilter.spreadFraction(pick) ?? 0,
                       "open_interest": Double(pick.quote.openInterest), "ema_9": fast, "ema_21": slow],
            barStart: current.bar.start, target2: tp2, instrument: instrument, legs: legs)
    }
}
