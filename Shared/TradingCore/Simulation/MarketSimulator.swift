import Foundation

/// A seeded simulator of several NSE index underlyings and their option chains, for dry runs
/// when the market is shut.
///
/// Prices follow correlated log-normal steps whose size follows the session's U-shape
/// (`volatilityProfile`) and the market regime: a trend drifts, a range reverts to where it began,
/// a volatile market moves most and quotes widest. The regime switches at random with
/// persistence (a mean of `meanRegimeMinutes` of session time). The first tick of a new IST day
/// opens with a gap. Only session time (09:15–15:30 IST) moves prices: outside it the ticks
/// repeat the last price with no volume, so a dry-run driver should pass session instants.
///
/// The caller owns time: `ticks(at:)` takes the simulated instant. Same seed and same instants,
/// same ticks, on every platform. Option chains are priced from the latest tick and drawn from
/// their own seeded stream, so asking for a chain never changes the ticks that follow.
public struct MarketSimulator: Sendable {
    /// Session seconds in a trading year: 252 sessions of 375 minutes.
    public static let tradingSecondsPerYear = 252 * NSESession.lengthSeconds

    public let seed: UInt64
    public let configuration: MarketSimulatorConfiguration
    /// The regime the last tick was made in (the initial regime before the first tick).
    public private(set) var regime: MarketRegime
    /// +1 or −1: which way the current (or next) trend drifts.
    public private(set) var trendDirection: Int
    private var generator: SeededGenerator
    private var states: [SimulatedUnderlyingState]
    private var lastDay: Int64?
    private var lastElapsed = 0.0

    public init(seed: UInt64, configuration: MarketSimulatorConfiguration = MarketSimulatorConfiguration()) {
        self.seed = seed
        self.configuration = configuration
        self.generator = SeededGenerator(seed: Self.mix([seed, 0x4D41_524B_4554]))   // "MARKET"
        self.regime = configuration.initialRegime
        self.states = configuration.underlyings.map { SimulatedUnderlyingState(basePrice: $0.basePrice) }
        self.trendDirection = 1
        self.trendDirection = drawDirection()
    }

    public var underlyings: [SimulatedUnderlying] { configuration.underlyings }

    /// The last tick of `symbol`, nil before the first call or for an unknown symbol.
    public func lastTick(for symbol: String) -> Tick? {
        index(of: symbol).flatMap { states[$0].lastTick }
    }

    /// The last price of `symbol` (its base price before the first tick); nil for an unknown symbol.
    public func price(of symbol: String) -> Paise? {
        guard let index = index(of: symbol) else { return nil }
        return states[index].lastTick?.lastPrice ?? configuration.underlyings[index].basePrice.rounded(
            toTick: configuration.underlyings[index].tickSize)
    }

    /// One tick per underlying, in `underlyings` order, at the simulated instant `date`.
    ///
    /// Prices move by the session time elapsed since the previous call (none on the first call,
    /// none for an instant outside the session or earlier than the previous one). A new IST day
    /// first applies the opening gap, then the time from 09:15 to `date`.
    public mutating func ticks(at date: Date) -> [Tick] {
        let day = NSESession.dayNumber(date)
        let elapsed = NSESession.elapsedSessionSeconds(date)
        var from = elapsed, seconds = 0.0, newDay = false
        if let lastDay {
            if day != lastDay {
                newDay = true
                from = 0
                seconds = elapsed
            } else if elapsed > lastElapsed {
                from = lastElapsed
                seconds = elapsed - lastElapsed
            }
        }
        lastElapsed = (lastDay == day) ? max(lastElapsed, elapsed) : elapsed
        lastDay = day

        if newDay { applyOpeningGap() }
        updateRegime(elapsedSeconds: seconds)

        let midpointMinutes = (from + from + seconds) / 120
        let volatilityScale = configuration.volatilityProfile.multiplier(minutesSinceOpen: midpointMinutes)
        let volumeScale = configuration.volumeProfile.multiplier(minutesSinceOpen: midpointMinutes)
        let spreadScale = configuration.volatilityProfile.multiplier(at: date)
        let rho = configuration.correlation
        let common = generator.nextGaussian()

        var ticks: [Tick] = []
        ticks.reserveCapacity(states.count)
        for index in states.indices {
            let underlying = configuration.underlyings[index]
            let shock = rho * common + (1 - rho * rho).squareRoot() * generator.nextGaussian()
            let volumeNoise = generator.nextGaussian()
            let bidSideCoin = generator.next() & 1
            var state = states[index]

            let sigma = underlying.annualVolatility * regime.volatilityMultiplier * volatilityScale
            let variancePerSecond = sigma * sigma / Self.tradingSecondsPerYear
            var variance = variancePerSecond * seconds
            var drift = 0.0
            switch regime {
            case .trend:
                let dailySigma = underlying.annualVolatility / 252.0.squareRoot()
                drift = Double(trendDirection) * configuration.trendStrength * dailySigma * seconds / NSESession.lengthSeconds
            case .range:
                // Ornstein-Uhlenbeck, stepped exactly so a long step stays within the range.
                let kappa = log(2) / (configuration.rangeHalfLifeMinutes * 60)
                drift = -(1 - exp(-kappa * seconds)) * (state.logPrice - state.rangeAnchor)
                variance = variancePerSecond * (1 - exp(-2 * kappa * seconds)) / (2 * kappa)
            case .volatile:
                break
            }
            state.logPrice += drift - 0.5 * variance + variance.squareRoot() * shock

            var volume: Int64 = 0
            if seconds > 0 {
                let lots = configuration.lotsPerMinute * seconds / 60 * volumeScale * regime.volumeMultiplier
                    * exp(0.4 * volumeNoise - 0.08)
                volume = Int64(min(max(1, lots.rounded()), 1e12)) * underlying.lotSize
            }
            let spreadTicks = Int64(max(1, min(1_000, (configuration.baseSpreadTicks * regime.spreadMultiplier * spreadScale).rounded())))
            let tick = quote(underlying: underlying, logPrice: state.logPrice, spreadTicks: spreadTicks,
                             extraTickOnBidSide: bidSideCoin == 1, volume: volume, at: date)
            state.lastTick = tick
            states[index] = state
            ticks.append(tick)
        }
        return ticks
    }

    /// The option chain of `underlying` at `at` for the expiry on `expiry`'s IST day (15:30 IST):
    /// `strikesEachSide` strikes either side of the at-the-money strike (the spot rounded to the
    /// strike step), a call and a put at each, ascending by strike, call first. Priced by
    /// Black-Scholes off the latest tick from the smile
    /// `atmVol × regime factor + skew·m + curvature·m²`, `m = ln(K/S)`, with bid and ask on the
    /// option tick grid around the theoretical price; volume and open interest fall away from
    /// the money. Empty for an unknown underlying or a negative `strikesEachSide`.
    public func optionChain(for underlying: String, at: Date, expiry: Date, strikesEachSide: Int) -> [SimulatedOptionQuote] {
        guard strikesEachSide >= 0, let index = index(of: underlying),
              let spot = price(of: underlying) else { return [] }
        let profile = configuration.underlyings[index]
        let spotRupees = spot.rupees
        let atm = spot.rounded(toTick: profile.strikeStep)
        let expiryInstant = NSESession.close(onDayOf: expiry)
        let years = OptionChainAnalytics.timeToExpiry(from: at, expiry: expiry)
        let atmVolatility = profile.annualVolatility * regime.impliedVolatilityMultiplier
        let smile = VolatilitySmile(atmVolatility: atmVolatility, skew: configuration.smileSkew,
                                    curvature: configuration.smileCurvature)
        // Activity falls off over one standard deviation of the move to expiry (at least a strike).
        let width = max(atmVolatility * years.squareRoot(), profile.strikeStep.rupees / spotRupees)
        let tick = configuration.optionTickSize
        let instantBits = UInt64(bitPattern: Int64((at.timeIntervalSince1970 * 1_000).rounded()))

        var quotes: [SimulatedOptionQuote] = []
        for offset in -Int64(strikesEachSide)...Int64(strikesEachSide) {
            let strike = atm + profile.strikeStep * offset
            guard strike > .zero else { continue }
            let volatility = smile.volatility(strike: strike.rupees, spot: spotRupees)
            let moneyness = log(strike.rupees / spotRupees)
            let weight = exp(-0.5 * (moneyness / width) * (moneyness / width))
            for kind in [OptionKind.call, .put] {
                guard let model = BlackScholes(kind: kind, spot: spotRupees, strike: strike.rupees,
                                               rate: configuration.riskFreeRate, volatility: volatility,
                                               timeToExpiry: years) else { continue }
                let theoretical = model.price
                let spread = max(tick.rupees, theoretical * configuration.optionSpreadFraction * regime.spreadMultiplier)
                let bid = max(tick, Self.onGrid(theoretical - spread / 2, tick: tick, rule: .down))
                let ask = max(bid + tick, Self.onGrid(theoretical + spread / 2, tick: tick, rule: .up))
                let last = min(max(Paise(rupees: theoretical).rounded(toTick: tick), bid), ask)

                var noise = SeededGenerator(seed: Self.mix([seed, profile.symbol.hashValueStable, instantBits,
                                                            UInt64(bitPattern: strike.value), kind == .call ? 1 : 2]))
                let oiLots = configuration.atmOpenInterestLots * weight * exp(0.3 * noise.nextGaussian() - 0.045)
                let volumeLots = configuration.atmVolumeLots * weight * regime.volumeMultiplier
                    * exp(0.3 * noise.nextGaussian() - 0.045)
                quotes.append(SimulatedOptionQuote(
                    underlying: profile.symbol, expiry: expiryInstant, strike: strike, kind: kind, spot: spot,
                    bid: bid, ask: ask, last: last,
                    volume: Int64(min(volumeLots.rounded(), 1e12)) * profile.lotSize,
                    openInterest: Int64(min(oiLots.rounded(), 1e12)) * profile.lotSize,
                    lotSize: profile.lotSize, smileVolatility: volatility, theoreticalPrice: theoretical))
            }
        }
        return quotes
    }

    // MARK: Steps

    private func index(of symbol: String) -> Int? {
        configuration.underlyings.firstIndex { $0.symbol == symbol }
    }

    private mutating func drawDirection() -> Int {
        generator.next() & 1 == 0 ? 1 : -1
    }

    private mutating func applyOpeningGap() {
        let rho = configuration.correlation
        let common = generator.nextGaussian()
        for index in states.indices {
            let shock = rho * common + (1 - rho * rho).squareRoot() * generator.nextGaussian()
            states[index].logPrice += configuration.openingGapVolatility * shock
            states[index].rangeAnchor = states[index].logPrice
        }
    }

    private mutating func updateRegime(elapsedSeconds seconds: Double) {
        guard let mean = configuration.meanRegimeMinutes, seconds > 0 else { return }
        let switchProbability = 1 - exp(-seconds / (mean * 60))
        guard Double.random(in: 0..<1, using: &generator) < switchProbability else { return }
        let others = MarketRegime.allCases.filter { $0 != regime }
        regime = others[Int(generator.next() % UInt64(others.count))]
        switch regime {
        case .trend: trendDirection = drawDirection()
        case .range: for index in states.indices { states[index].rangeAnchor = states[index].logPrice }
        case .volatile: break
        }
    }

    private func quote(underlying: SimulatedUnderlying, logPrice: Double, spreadTicks: Int64, extraTickOnBidSide: Bool,
                       volume: Int64, at date: Date) -> Tick {
        let tick = underlying.tickSize
        let rupees = min(exp(logPrice), 1e12)
        let last = max(tick, Paise(rupees: rupees).rounded(toTick: tick))
        let below = spreadTicks / 2 + (spreadTicks % 2 == 1 && extraTickOnBidSide ? 1 : 0)
        let bid = max(tick, last - tick * below)
        let ask = bid + tick * spreadTicks
        return Tick(symbol: underlying.symbol, timestamp: date, lastPrice: last, volume: volume, bid: bid, ask: ask)
    }

    // MARK: Helpers

    private static func onGrid(_ rupees: Double, tick: Paise, rule: FloatingPointRoundingRule) -> Paise {
        let ticks = (rupees * 100 / Double(tick.value)).rounded(rule)
        return Paise(Int64(min(max(ticks, 0), 1e15)) * tick.value)
    }

    /// Folds several words into one seed through SplitMix64, so nearby inputs give unrelated seeds.
    private static func mix(_ words: [UInt64]) -> UInt64 {
        var hash: UInt64 = 0x6A09_E667_F3BC_C908
        for word in words {
            var generator = SeededGenerator(seed: hash ^ word)
            hash = generator.next()
        }
        return hash
    }
}
