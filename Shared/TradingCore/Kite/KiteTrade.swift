import Foundation

/// One execution (`GET /trades`, `GET /orders/:id/trades`).
public struct KiteTrade: Hashable, Sendable, Decodable {
    public var tradeId: String
    public var orderId: String
    public var exchangeOrderId: String?
    public var exchange: String
    public var tradingSymbol: String
    public var instrumentToken: Int64
    public var product: String
    public var averagePrice: Paise
    public var quantity: Int
    public var transactionType: String
    public var fillTimestamp: Date?

    enum CodingKeys: String, CodingKey {
        case tradeId = "trade_id", orderId = "order_id", exchangeOrderId = "exchange_order_id", exchange
        case tradingSymbol = "tradingsymbol", instrumentToken = "instrument_token", product, averagePrice = "average_price"
        case quantity, transactionType = "transaction_type", fillTimestamp = "fill_timestamp"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tradeId = try c.decode(String.self, forKey: .tradeId)
        orderId = try c.decode(String.self, forKey: .orderId)
        exchangeOrderId = try c.decodeIfPresent(String.self, forKey: .exchangeOrderId)
        exchange = try c.decode(String.self, forKey: .exchange)
        tradingSymbol = try c.decode(String.self, forKey: .tradingSymbol)
        instrumentToken = try c.decodeIfPresent(Int64.self, forKey: .instrumentToken) ?? 0
        product = try c.decode(String.self, forKey: .product)
        averagePrice = KitePrice.paise(try c.decode(Decimal.self, forKey: .averagePrice))
        quantity = try c.decode(Int.self, forKey: .quantity)
        transactionType = try c.decode(String.self, forKey: .transactionType)
        fillTimestamp = try c.decodeIfPresent(String.self, forKey: .fillTimestamp).flatMap(KiteTimestamp.parse)
    }
}
