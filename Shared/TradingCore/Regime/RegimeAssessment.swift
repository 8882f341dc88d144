/// The regime of one underlying on one bar, with the numbers and the reason behind it.
public struct RegimeAssessment: Hashable, Sendable, Codable {
    public var regime: TradingRegime
    public var reason: String
    public var adx: Double?
    /// Mid-rank percentile (0…1) of the current ATR among the recent ones.
    public var atrPercentile: Double?
    /// (upper − lower) / middle of the Bollinger band.
    public var bollingerWidth: Double?
    /// Mid-rank percentile (0…1) of the current Bollinger width among the recent ones.
    public var bollingerWidthPercentile: Double?
    /// (ask − bid) / mid of the at-the-money option, when a chain is known.
    public var atmSpreadFraction: Double?

    public init(regime: TradingRegime, reason: String, adx: Double? = nil, atrPercentile: Double? = nil,
                bollingerWidth: Double? = nil, bollingerWidthPercentile: Double? = nil, atmSpreadFraction: Double? = nil) {
        self.regime = regime
        self.reason = reason
        self.adx = adx
        self.atrPercentile = atrPercentile
        self.bollingerWidth = bollingerWidth
        self.bollingerWidthPercentile = bollingerWidthPercentile
        self.atmSpreadFraction = atmSpreadFraction
    }
}
