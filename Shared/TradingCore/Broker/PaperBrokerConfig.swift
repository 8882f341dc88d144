/// How the paper broker behaves. Every random choice is drawn from a generator seeded
/// with `seed`, so the same orders and ticks give the same fills.
public struct PaperBrokerConfig: Hashable, Sendable {
    public var seed: UInt64
    /// Share of the bid/ask spread a market order pays beyond the touch (0.5: half the spread).
    public var spreadSlippageFraction: Double
    /// Size impact: basis points of price per 1,000 units.
    public var impactBpsPerThousandUnits: Double
    public var tickSize: Paise
    /// Chance that a touched LIMIT fills on a given tick (1: always).
    public var limitFillProbability: Double
    /// Chance that an order's first fill is partial (`partialFillFraction` of it; the rest fills on the next quote).
    public var partialFillProbability: Double
    public var partialFillFraction: Double
    /// Orders are live this long after they were placed (simulated exchange latency).
    public var latencyMilliseconds: Int
    /// Exchange freeze quantity per symbol; orders above it are rejected.
    public var freezeQuantities: [String: Int]
    /// LIMIT prices and triggers more than this share away from the last price are rejected.
    public var priceBandFraction: Double
    /// Margin a new position blocks, as a share of its notional.
    public var marginFraction: Double
    public var availableMargin: Paise

    public init(seed: UInt64 = 42, spreadSlippageFraction: Double = 0.5, impactBpsPerThousandUnits: Double = 1.0,
                tickSize: Paise = Paise(5), limitFillProbability: Double = 1.0, partialFillProbability: Double = 0,
                partialFillFraction: Double = 0.3, latencyMilliseconds: Int = 0, freezeQuantities: [String: Int] = [:],
                priceBandFraction: Double = 0.10, marginFraction: Double = 0.15,
                availableMargin: Paise = Paise(1_000_000_000_00)) {
        self.seed = seed
        self.spreadSlippageFraction = spreadSlippageFraction
        self.impactBpsPerThousandUnits = impactBpsPerThousandUnits
        self.tickSize = tickSize
        self.limitFillProbability = limitFillProbability
        self.partialFillProbability = partialFillProbability
        self.partialFillFraction = partialFillFraction
        self.latencyMilliseconds = latencyMilliseconds
        self.freezeQuantities = freezeQuantities
        self.priceBandFraction = priceBandFraction
        self.marginFraction = marginFraction
        self.availableMargin = availableMargin
    }
}
