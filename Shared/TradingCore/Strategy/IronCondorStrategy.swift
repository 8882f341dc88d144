import Foundation

/// Iron condor on range days: sells the call and the put whose |delta| is nearest
/// `shortDelta` (at most `maxShortDelta`) and buys wings `wingStrikes` strikes further out,
/// so the loss is defined. Entry only with the ATM IV percentile in
/// `minIvPercentile…maxIvPercentile`, at most `maxDte` days to expiry, every leg two-sided
/// within `maxSpreadFraction`, and a credit of at least `minCreditFraction` of the wing width.
/// One signal (SELL, prices = the net credit per unit) carries all four legs: stop when buying
/// back costs `stopMultiple`× the credit, TP1/TP2 when `tp1Capture`/`tp2Capture` of it is kept.
public struct IronCondorStrategy: TradingStrategy {
    public struct Parameters: Hashable, Sendable {
        public var shortDelta = 0.15
        public var maxShortDelta = 0.25
        public var wingStrikes = 2
        public var minIvPercentile = 0.5
        public var maxIvPercentile = 0.95
        public var minIvSamples = 20
        public var maxDte = 7.0
        public var filter = OptionQuoteFilter(maxSpreadFraction: 0.05, minOpenInterest: 0, minVolume: 0)
        public var minCreditFraction = 0.1
        public var stopMultiple = 2.0
        public var tp1Capture = 0.5
        public var tp2Capture = 0.75
        public init() {}
    }

    public static let name = "iron_condor"
    public var name: String { Self.name }
    public var defaultRegimes: [TradingRegime] { [.range] }
    public let parameters: Parameters

    public init(parameters: Parameters = Parameters()) {
        self.parameters = parameters
    }

    public init(config: inout StrategyConfigReader) throws {
        var p = Parameters()
        p.maxShortDelta = try config.double("max_short_delta", default: p.maxShortDelta, in: 0.01...0.5)
        p.shortDelta = try config.double("short_delta", default: p.shortDelta, in: 0.01...p.maxShortDelta)
        p.wingStrikes = try config.int("wing_strikes", default: p.wingStrikes, in: 1...20)
        p.minIvPercentile = try config.double("min_iv_percentile", default: p.minIvPercentile, in: 0...1)
        p.maxIvPercentile = try config.double("max_iv_percentile", default: p.maxIvPercentile, in: p.minIvPercentile...1)
        p.minIvSamples = try config.int("min_iv_samples", default: p.minIvSamples, in: 0...100_000)
        p.maxDte = try config.double("max_dte", default: p.maxDte, in: 0...60)
        p.filter.maxSpreadFraction = try config.double("max_spread_pct", default: 5, in: 0...100) / 100
        p.filter.minOpenInterest = Int64(try config.int("min_open_interest", default: 0, in: 0...Int(Int32.max)))
        p.filter.minVolume = Int64(try config.int("min_volume", default: 0, in: 0...Int(Int32.max)))
        p.minCreditFraction = try config.double("min_credit_fraction", default: p.minCreditFraction, in: 0...1)
        p.stopMultiple = try config.double("stop_multiple", default: p.stopMultiple, in: 1.01...20)
        p.tp1Capture = try config.double("tp1_capture", default: p.tp1Capture, in: 0.05...0.95)
        p.tp2Capture = try config.double("tp2_capture", default: p.tp2Capture, in: p.tp1Capture...0.95)
        self.init(parameters: p)
    }

    public func evaluate(_ context: StrategyContext) throws -> TradeSignal? {
        let p = parameters
        guard let chain = context.chain, let ivPercentile = context.ivPercentile, context.ivHistory.count >= p.minIvSamples,
              (p.minIvPercentile...p.maxIvPercentile).contains(ivPercentile) else { return nil }
        let dte = chain.expiry.timeIntervalSince(context.now) / 86_400
        guard dte >= 0, dte <= p.maxDte,
              let shortCall = shortRow(chain, kind: .call), let shortPut = shortRow(chain, kind: .put),
              let longCall = wing(chain, from: shortCall, kind: .call), let longPut = wing(chain, from: shortPut, kind: .put)
        else { return nil }
        let rows = [(shortCall, Side.sell), (shortPut, .sell), (longCall, .buy), (longPut, .buy)]
        guard rows.allSatisfy({ p.filter.accepts($0.0) }) else { return nil }
        let legs = rows.compactMap { OptionQuoteFilter.leg($0.0, side: $0.1, expiry: chain.expiry) }
        guard legs.count == 4 else { return nil }
        let tick = context.tickSize
        let credit = (legs[0].premium + legs[1].premium - legs[2].premium - legs[3].premium).rounded(toTick: tick)
        let width = max(legs[2].strike - legs[0].strike, legs[1].strike - legs[3].strike)
        guard credit > .zero, width > credit, credit.rupees >= p.minCreditFraction * width.rupees else { return nil }
        let stop = SignalLevels.price(rupees: credit.rupees * p.stopMultiple, tick: tick)
        let tp1 = SignalLevels.price(rupees: credit.rupees * (1 - p.tp1Capture), tick: tick)
        let tp2 = SignalLevels.price(rupees: credit.rupees * (1 - p.tp2Capture), tick: tick)
        guard SignalLevels.isCoherent(side: .sell, entry: credit, stop: stop, target: tp1, target2: tp2) else { return nil }
        let underlying = context.bar.symbol
        let maxLoss = width - credit
        let rationale = "range day with ATM IV percentile \(Format.percent(ivPercentile, decimals: 0)) in band; "
            + "short \(legs[1].strike.rupeeString) PE (delta \(Format.number(legs[1].delta))) / \(legs[0].strike.rupeeString) CE "
            + "(delta \(Format.number(legs[0].delta))), wings \(legs[3].strike.rupeeString) PE / \(legs[2].strike.rupeeString) CE; "
            + "credit \(credit.rupeeString), max loss \(maxLoss.rupeeString) per unit, \(Format.number(dte, decimals: 1)) days to "
            + "expiry; stop at \(p.stopMultiple)× credit, TP1 keep \(Format.percent(p.tp1Capture, decimals: 0)), "
            + "TP2 keep \(Format.percent(p.tp2Capture, decimals: 0))"
        return TradeSignal(
            strategy: name, symbol: underlying, side: .sell, entry: credit, stop: stop, target: tp1,
            confidence: min(1, 0.4 + ivPercentile / 2 + credit.rupees / width.rupees / 2), rationale: rationale,
            features: ["iv_percentile": ivPercentile, "dte": dte, "credit": credit.rupees, "wing_width": width.rupees,
                       "max_loss": maxLoss.rupees, "short_call_delta": legs[0].delta, "short_put_delta": legs[1].delta],
            barStart: context.bar.start, target2: tp2,
            instrument: "\(underlying) \(IST.dayString(chain.expiry)) IRON_CONDOR", legs: legs)
    }

    /// The out-of-the-money short of `kind` with |delta| nearest `shortDelta`, at most `maxShortDelta`.
    private func shortRow(_ chain: OptionChainSnapshot, kind: OptionKind) -> ChainGreeksRow? {
        let spot = chain.spot
        return chain.rows.filter { row in
            guard row.quote.kind == kind, let delta = row.greeks?.delta, abs(delta) <= parameters.maxShortDelta else { return false }
            return kind == .call ? row.quote.strike > spot : row.quote.strike < spot
        }.min { abs(abs($0.greeks!.delta) - parameters.shortDelta) < abs(abs($1.greeks!.delta) - parameters.shortDelta) }
    }

    private func wing(_ chain: OptionChainSnapshot, from short: ChainGreeksRow, kind: OptionKind) -> ChainGreeksRow? {
        let strikes = chain.rows.filter { $0.quote.kind == kind }.map(\.quote.strike).sorted()
        guard let index = strikes.firstIndex(of: short.quote.strike) else { return nil }
        let wingIndex = kind == .call ? index + parameters.wingStrikes : index - parameters.wingStrikes
        guard strikes.indices.contains(wingIndex) else { return nil }
        return chain.row(strike: strikes[wingIndex], kind: kind)
    }
}
