/// The order types the executor uses, as Kite spells them.
public enum OrderType: String, Codable, Sendable, Hashable {
    case market = "MARKET"
    case limit = "LIMIT"
    /// Stop-loss market: a market order once the last price reaches the trigger.
    case stopMarket = "SL-M"
}
