/// Why an exchange or broker refused an order, as the paper broker simulates it.
public enum OrderRejection: String, Codable, Sendable, Hashable {
    /// More than the exchange's freeze quantity in one order (slice it).
    case freezeQuantityExceeded = "FREEZE_QUANTITY_EXCEEDED"
    /// A LIMIT price or SL-M trigger outside the day's price band.
    case priceOutsideBand = "PRICE_OUTSIDE_BAND"
    case insufficientMargin = "INSUFFICIENT_MARGIN"
    /// The client order id was used before.
    case duplicateOrder = "DUPLICATE_ORDER"
    /// No price is known for the symbol yet, so a market order cannot be priced.
    case noMarketPrice = "NO_MARKET_PRICE"
    case invalidOrder = "INVALID_ORDER"
}
