/// What risk-gate knows about the instrument of a signal (from `instruments` and config).
public struct InstrumentFacts: Sendable, Hashable, Codable {
    public var symbol: String
    /// The underlying for exposure limits (Kite's `name`: NIFTY for NIFTY25SEPFUT).
    public var underlying: String
    public var kind: ContractKind
    public var lotSize: Int
    public var tickSize: Paise
    /// Orders at or above this quantity are frozen by the exchange; nil when unknown.
    public var freezeQuantity: Int?
    public var inUniverse: Bool
    public var banned: Bool
    public var eventBlackout: Bool

    public init(symbol: String, underlying: String, kind: ContractKind, lotSize: Int, tickSize: Paise = Paise(5),
                freezeQuantity: Int? = nil, inUniverse: Bool = true, banned: Bool = false, eventBlackout: Bool = false) {
        self.symbol = symbol
        self.underlying = underlying
        self.kind = kind
        self.lotSize = lotSize
        self.tickSize = tickSize
        self.freezeQuantity = freezeQuantity
        self.inUniverse = inUniverse
        self.banned = banned
        self.eventBlackout = eventBlackout
    }

    /// An instrument that is not in `instruments`: rejected by the tradable gate.
    public static func unknown(_ symbol: String) -> InstrumentFacts {
        InstrumentFacts(symbol: symbol, underlying: symbol, kind: .future, lotSize: 0, inUniverse: false)
    }
}
