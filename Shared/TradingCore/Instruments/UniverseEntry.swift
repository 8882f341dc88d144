/// One underlying of the trading universe: an index or an F&O stock, with what an order
/// for its derivatives needs to know.
public struct UniverseEntry: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case index
        case stock
    }

    /// `NIFTY`, `BANKNIFTY`, … or the stock's NSE symbol (`ADANIPORTS`).
    public var symbol: String
    public var kind: Kind
    /// The NSE index (`NIFTY 50`) or cash (`EQ`) instrument, when the dump has it.
    public var underlyingInstrument: KiteInstrument?
    /// The nearest future that has not expired, when the dump has one.
    public var nearestFuture: KiteInstrument?
    /// Contract size of the derivatives: the nearest future's, else the nearest-expiry option's.
    public var lotSize: Int
    /// Price step of the derivatives, taken from the same contract as `lotSize`.
    public var tickSize: Paise
    /// The exchange's maximum quantity for one order, from configuration; nil when unknown.
    public var freezeQuantity: Int?
    /// Every future and option expiry that has not passed, ascending (`yyyy-MM-dd`, IST).
    public var expiries: [String]

    public init(symbol: String, kind: Kind, underlyingInstrument: KiteInstrument?, nearestFuture: KiteInstrument?,
                lotSize: Int, tickSize: Paise, freezeQuantity: Int?, expiries: [String]) {
        self.symbol = symbol
        self.kind = kind
        self.underlyingInstrument = underlyingInstrument
        self.nearestFuture = nearestFuture
        self.lotSize = lotSize
        self.tickSize = tickSize
        self.freezeQuantity = freezeQuantity
        self.expiries = expiries
    }

    /// The nearest expiry, or nil when there is none.
    public var nearestExpiry: String? { expiries.first }
}
