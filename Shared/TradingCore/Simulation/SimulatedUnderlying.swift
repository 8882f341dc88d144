/// One index the market simulator moves, and the terms its option chain is quoted on.
public struct SimulatedUnderlying: Hashable, Sendable, Codable {
    public var symbol: String
    /// The first price, before any tick.
    public var basePrice: Paise
    /// The price grid of the underlying (₹0.05 for NSE indices).
    public var tickSize: Paise
    /// Units per F&O lot; volumes and open interest are whole lots.
    public var lotSize: Int64
    /// Annualised volatility of the underlying's log price (0.12 is 12 %), before regime and
    /// intraday scaling; also the at-the-money implied volatility of its simulated options.
    public var annualVolatility: Double
    /// The distance between listed option strikes.
    public var strikeStep: Paise

    public init(symbol: String, basePrice: Paise, tickSize: Paise, lotSize: Int64, annualVolatility: Double,
                strikeStep: Paise) {
        precondition(basePrice > .zero && tickSize > .zero && strikeStep > .zero, "prices and steps must be positive")
        precondition(lotSize > 0, "lot size must be positive")
        precondition(annualVolatility.isFinite && annualVolatility > 0, "volatility must be positive and finite")
        self.symbol = symbol
        self.basePrice = basePrice
        self.tickSize = tickSize
        self.lotSize = lotSize
        self.annualVolatility = annualVolatility
        self.strikeStep = strikeStep
    }

    // Levels near late 2025; lot sizes as NSE revised them for 2026 contracts. The live
    // instrument dump is the truth: these are only for simulation.

    /// NIFTY 50: ₹24,950, strikes every ₹50, lot 65, 12 % vol.
    public static let nifty = SimulatedUnderlying(symbol: "NIFTY", basePrice: Paise(2_495_000), tickSize: Paise(5),
                                                  lotSize: 65, annualVolatility: 0.12, strikeStep: Paise(5_000))
    /// NIFTY BANK: ₹54,500, strikes every ₹100, lot 30, 14 % vol.
    public static let bankNifty = SimulatedUnderlying(symbol: "BANKNIFTY", basePrice: Paise(5_450_000), tickSize: Paise(5),
                                                      lotSize: 30, annualVolatility: 0.14, strikeStep: Paise(10_000))
    /// NIFTY FIN SERVICE: ₹26,000, strikes every ₹50, lot 60, 13 % vol.
    public static let finNifty = SimulatedUnderlying(symbol: "FINNIFTY", basePrice: Paise(2_600_000), tickSize: Paise(5),
                                                     lotSize: 60, annualVolatility: 0.13, strikeStep: Paise(5_000))
    /// NIFTY MID SELECT: ₹12,700, strikes every ₹25, lot 120, 17 % vol.
    public static let midcpNifty = SimulatedUnderlying(symbol: "MIDCPNIFTY", basePrice: Paise(1_270_000), tickSize: Paise(5),
                                                       lotSize: 120, annualVolatility: 0.17, strikeStep: Paise(2_500))

    /// The four NSE index underlyings with weekly or monthly options.
    public static let nseIndices: [SimulatedUnderlying] = [.nifty, .bankNifty, .finNifty, .midcpNifty]
}
