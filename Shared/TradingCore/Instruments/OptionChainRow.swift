/// A strike of an option chain with its call and its put (same underlying, same expiry).
public struct OptionChainRow: Hashable, Sendable, Codable {
    public var strike: Paise
    public var call: KiteInstrument
    public var put: KiteInstrument

    public init(strike: Paise, call: KiteInstrument, put: KiteInstrument) {
        self.strike = strike
        self.call = call
        self.put = put
    }
}
