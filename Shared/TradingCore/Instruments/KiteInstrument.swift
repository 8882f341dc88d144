/// One row of the Kite instrument dump (`GET /instruments`): a tradable contract or an index.
///
/// Prices are exact `Paise`; the expiry is the IST calendar day `yyyy-MM-dd` on which a
/// derivative expires (nil for cash instruments and indices). Indices in Kite's dump have a
/// lot size of 0 and a tick size of 0.
public struct KiteInstrument: Hashable, Sendable, Codable {
    /// Kite's `instrument_token`: the key used by the ticker and the quote APIs.
    public var instrumentToken: Int64
    /// The exchange's own token for the contract.
    public var exchangeToken: Int64
    /// e.g. `NIFTY24JANFUT`, `BANKNIFTY18JAN23500CE`, `ADANIPORTS`, `NIFTY 50`.
    public var tradingsymbol: String
    /// The company or underlying name; Kite leaves it empty in some dumps for derivatives.
    public var name: String
    public var lastPrice: Paise
    /// `yyyy-MM-dd` (IST), or nil when the instrument does not expire.
    public var expiry: String?
    /// Zero for anything that is not an option.
    public var strike: Paise
    public var tickSize: Paise
    public var lotSize: Int
    public var instrumentType: KiteInstrumentType
    /// e.g. `NSE`, `BSE`, `NFO-FUT`, `NFO-OPT`, `INDICES`.
    public var segment: String
    /// e.g. `NSE`, `BSE`, `NFO`.
    public var exchange: String

    public init(instrumentToken: Int64, exchangeToken: Int64, tradingsymbol: String, name: String,
                lastPrice: Paise, expiry: String?, strike: Paise, tickSize: Paise, lotSize: Int,
                instrumentType: KiteInstrumentType, segment: String, exchange: String) {
        self.instrumentToken = instrumentToken
        self.exchangeToken = exchangeToken
        self.tradingsymbol = tradingsymbol
        self.name = name
        self.lastPrice = lastPrice
        self.expiry = expiry
        self.strike = strike
        self.tickSize = tickSize
        self.lotSize = lotSize
        self.instrumentType = instrumentType
        self.segment = segment
        self.exchange = exchange
    }

    /// True when the contract still trades on the IST day `today` (`yyyy-MM-dd`): it has no
    /// expiry, or it expires today or later.
    public func isLive(on today: String) -> Bool {
        guard let expiry else { return true }
        return expiry >= today
    }
}
