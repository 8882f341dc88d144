/// How the executor's orders go to Kite (`executor.kite.*`).
public struct KiteOrderBrokerConfig: Sendable {
    /// `https://api.kite.trade` (a local URL in tests).
    public var baseURL: String
    /// `NFO` for index options and futures, `NSE` for cash.
    public var exchange: String
    /// `MIS` (intraday) or `NRML`.
    public var product: String
    /// `regular`, or `autoslice` to let Kite split above the freeze quantity.
    public var variety: KiteRESTClient.Variety
    /// Kite's `market_protection` for MARKET and SL-M orders (nil: not sent).
    public var marketProtection: Int?
    public var timeoutSeconds: Double

    public init(baseURL: String = "https://api.kite.trade", exchange: String = "NFO", product: String = "MIS",
                variety: KiteRESTClient.Variety = .regular, marketProtection: Int? = nil, timeoutSeconds: Double = 7) {
        self.baseURL = baseURL
        self.exchange = exchange
        self.product = product
        self.variety = variety
        self.marketProtection = marketProtection
        self.timeoutSeconds = timeoutSeconds
    }
}
