import TradingCore

/// One underlying of the universe in `md.instruments`.
public struct UniverseEntryPayload: Codable, Sendable, Hashable {
    public var symbol: String
    /// `index` or `stock`.
    public var kind: String
    /// Units per lot of its derivatives.
    public var lotSize: Int
    public var tickSizePaise: Int64
    /// The exchange's maximum quantity per order (units), when configured.
    public var freezeQuantity: Int?
    /// Live expiries, ascending (`yyyy-MM-dd`, IST); the first is the nearest.
    public var expiries: [String]

    public init(symbol: String, kind: String, lotSize: Int, tickSizePaise: Int64, freezeQuantity: Int?, expiries: [String]) {
        self.symbol = symbol
        self.kind = kind
        self.lotSize = lotSize
        self.tickSizePaise = tickSizePaise
        self.freezeQuantity = freezeQuantity
        self.expiries = expiries
    }

    public init(_ entry: UniverseEntry) {
        self.init(symbol: entry.symbol, kind: entry.kind.rawValue, lotSize: entry.lotSize, tickSizePaise: entry.tickSize.value,
                  freezeQuantity: entry.freezeQuantity, expiries: entry.expiries)
    }
}
