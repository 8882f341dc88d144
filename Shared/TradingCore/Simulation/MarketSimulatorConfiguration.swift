/// Everything that shapes a `MarketSimulator` apart from its seed. The defaults make a plausible
/// NSE index session; tests pin single features (a fixed regime, no gap, a flat profile).
public struct MarketSimulatorConfiguration: Hashable, Sendable, Codable {
    /// The underlyings, in the order `ticks(at:)` returns them. Symbols must be unique.
    public var underlyings: [SimulatedUnderlying]
    /// Intraday shape of volatility (and of the spread).
    public var volatilityProfile: IntradayProfile
    /// Intraday shape of traded volume.
    public var volumeProfile: IntradayProfile
    /// Standard deviation of the log-price jump at the first tick of a new IST day (0.005 is 0.5 %).
    public var openingGapVolatility: Double
    /// Correlation of every underlying's shocks (and gaps) with the common market factor.
    public var correlation: Double
    /// The regime of the first tick.
    public var initialRegime: MarketRegime
    /// Mean session minutes a regime lasts before switching to one of the other two; nil keeps
    /// `initialRegime` for ever.
    public var meanRegimeMinutes: Double?
    /// The drift of a trend, in the underlying's daily standard deviations per session.
    public var trendStrength: Double
    /// How fast a range pulls the price back to its anchor: the half-life of a deviation, in minutes.
    public var rangeHalfLifeMinutes: Double
    /// The underlying's quoted spread at the middle of a calm session, in ticks (at least 1 is quoted).
    public var baseSpreadTicks: Double
    /// Lots traded per session minute in each underlying, before intraday and regime scaling.
    public var lotsPerMinute: Double
    /// The continuously compounded risk-free rate options are priced with.
    public var riskFreeRate: Double
    /// The smile's slope in log-moneyness (negative: puts dearer).
    public var smileSkew: Double
    /// The smile's curvature in log-moneyness squared.
    public var smileCurvature: Double
    /// The option price grid (₹0.05 on NSE).
    public var optionTickSize: Paise
    /// An option's full bid-ask spread as a fraction of its theoretical price, before the regime
    /// multiplier; never less than one option tick.
    public var optionSpreadFraction: Double
    /// Open interest, in lots, of an at-the-money strike.
    public var atmOpenInterestLots: Double
    /// Day volume, in lots, of an at-the-money strike.
    public var atmVolumeLots: Double

    public init(underlyings: [SimulatedUnderlying] = SimulatedUnderlying.nseIndices,
                volatilityProfile: IntradayProfile = .nseVolatility, volumeProfile: IntradayProfile = .nseVolume,
                openingGapVolatility: Double = 0.005, correlation: Double = 0.8,
                initialRegime: MarketRegime = .range, meanRegimeMinutes: Double? = 75,
                trendStrength: Double = 1.0, rangeHalfLifeMinutes: Double = 20,
                baseSpreadTicks: Double = 1, lotsPerMinute: Double = 300,
                riskFreeRate: Double = 0.065, smileSkew: Double = -0.6, smileCurvature: Double = 4,
                optionTickSize: Paise = Paise(5), optionSpreadFraction: Double = 0.005,
                atmOpenInterestLots: Double = 50_000, atmVolumeLots: Double = 200_000) {
        precondition(Set(underlyings.map(\.symbol)).count == underlyings.count, "underlying symbols must be unique")
        precondition(openingGapVolatility >= 0 && openingGapVolatility.isFinite, "gap volatility must be ≥ 0")
        precondition((-1...1).contains(correlation), "correlation must be in −1…1")
        precondition(meanRegimeMinutes.map { $0 > 0 && $0.isFinite } ?? true, "mean regime minutes must be positive")
        precondition(rangeHalfLifeMinutes > 0 && baseSpreadTicks >= 0 && lotsPerMinute >= 0, "invalid shape parameters")
        precondition(optionTickSize > .zero && optionSpreadFraction >= 0, "invalid option quoting parameters")
        precondition(riskFreeRate.isFinite && smileSkew.isFinite && smileCurvature.isFinite && trendStrength.isFinite,
                     "parameters must be finite")
        self.underlyings = underlyings
        self.volatilityProfile = volatilityProfile
        self.volumeProfile = volumeProfile
        self.openingGapVolatility = openingGapVolatility
        self.correlation = correlation
        self.initialRegime = initialRegime
        self.meanRegimeMinutes = meanRegimeMinutes
        self.trendStrength = trendStrength
        self.rangeHalfLifeMinutes = rangeHalfLifeMinutes
        self.baseSpreadTicks = baseSpreadTicks
        self.lotsPerMinute = lotsPerMinute
        self.riskFreeRate = riskFreeRate
        self.smileSkew = smileSkew
        self.smileCurvature = smileCurvature
        self.optionTickSize = optionTickSize
        self.optionSpreadFraction = optionSpreadFraction
        self.atmOpenInterestLots = atmOpenInterestLots
        self.atmVolumeLots = atmVolumeLots
    }
}
