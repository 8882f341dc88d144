/// The direction of an order or position.
public enum Side: String, Codable, Sendable, Hashable {
    case buy = "BUY"
    case sell = "SELL"

    public var opposite: Side { self == .buy ? .sell : .buy }
    /// +1 for a long (buy), −1 for a short (sell).
    public var sign: Int64 { self == .buy ? 1 : -1 }
}
