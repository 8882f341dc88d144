import Foundation

/// One row of `GET /portfolio/positions` (`net` or `day`). Money is `Paise`.
public struct KitePosition: Hashable, Sendable, Decodable {
    public var tradingSymbol: String
    public var exchange: String
    public var instrumentToken: Int64
    public var product: String
    /// Signed: positive long, negative short, 0 flat.
    public var quantity: Int
    public var overnightQuantity: Int
    public var multiplier: Decimal
    public var averagePrice: Paise
    public var lastPrice: Paise
    public var pnl: Paise
    public var realised: Paise
    public var unrealised: Paise
    public var buyQuantity: Int
    public var sellQuantity: Int

    enum CodingKeys: String, CodingKey {
        case tradingSymbol = "tradingsymbol", exchange, instrumentToken = "instrument_token", product, quantity
        case overnightQuantity = "overnight_quantity", multiplier, averagePrice = "average_price", lastPrice = "last_price"
        case pnl, realised, unrealised, buyQuantity = "buy_quantity", sellQuantity = "sell_quantity"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func money(_ key: CodingKeys) throws -> Paise { KitePrice.paise(try c.decodeIfPresent(Decimal.self, forKey: key) ?? 0) }
        tradingSymbol = try c.decode(String.self, forKey: .tradingSymbol)
        exchange = try c.decode(String.self, forKey: .exchange)
        instrumentToken = try c.decodeIfPresent(Int64.self, forKey: .instrumentToken) ?? 0
        product = try c.decode(String.self, forKey: .product)
        quantity = try c.decode(Int.self, forKey: .quantity)
        overnightQuantity = try c.decodeIfPresent(Int.self, forKey: .overnightQuantity) ?? 0
        multiplier = try c.decodeIfPresent(Decimal.self, forKey: .multiplier) ?? 1
        averagePrice = try money(.averagePrice)
        lastPrice = try money(.lastPrice)
        pnl = try money(.pnl)
        realised = try money(.realised)
        unrealised = try money(.unrealised)
        buyQuantity = try c.decodeIfPresent(Int.self, forKey: .buyQuantity) ?? 0
        sellQuantity = try c.decodeIfPresent(Int.self, forKey: .sellQuantity) ?? 0
    }
}
