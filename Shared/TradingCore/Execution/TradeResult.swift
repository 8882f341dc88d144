/// The money of a closed round trip.
public struct TradeResult: Hashable, Sendable, Codable {
    public var grossPnl: Paise
    public var fees: Paise
    public var netPnl: Paise { grossPnl - fees }

    public init(grossPnl: Paise, fees: Paise) {
        self.grossPnl = grossPnl
        self.fees = fees
    }

    /// gross = (exit − entry) × quantity for a long, the reverse for a short.
    public static func roundTrip(side: Side, quantity: Int, entry: Paise, exit: Paise, fees: Paise) -> TradeResult {
        TradeResult(grossPnl: (exit - entry) * (Int64(quantity) * side.sign), fees: fees)
    }
}
