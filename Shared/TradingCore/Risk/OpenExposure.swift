/// One open position (or an approved entry in flight) as the risk state counts it.
public struct OpenExposure: Sendable, Hashable, Codable {
    public var symbol: String
    public var underlying: String
    public var kind: ContractKind
    public var side: Side
    public var quantity: Int
    public var entry: Paise
    public var stop: Paise
    /// The latest price, for unrealised P&L; nil when unknown (counted as flat).
    public var lastPrice: Paise?

    public init(symbol: String, underlying: String, kind: ContractKind, side: Side, quantity: Int, entry: Paise, stop: Paise,
                lastPrice: Paise? = nil) {
        self.symbol = symbol
        self.underlying = underlying
        self.kind = kind
        self.side = side
        self.quantity = quantity
        self.entry = entry
        self.stop = stop
        self.lastPrice = lastPrice
    }

    /// Loss if the stop is hit from the entry (0 once the stop has moved past the entry).
    public var riskToStop: Paise {
        let perUnit = side == .buy ? entry - stop : stop - entry
        return perUnit > .zero ? perUnit * Int64(quantity) : .zero
    }

    public var notional: Paise { entry * Int64(quantity) }

    public var unrealised: Paise {
        guard let lastPrice else { return .zero }
        return (side == .buy ? lastPrice - entry : entry - lastPrice) * Int64(quantity)
    }
}
