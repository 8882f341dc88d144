/// One order as the executor asks a broker for it.
public struct OrderRequest: Hashable, Sendable, Codable {
    /// Unique per order (`<plan>-<leg>[-<slice>]`); a broker refuses a second one.
    public var clientOrderId: String
    public var symbol: String
    public var side: Side
    public var type: OrderType
    public var quantity: Int
    /// LIMIT price.
    public var price: Paise?
    /// SL-M trigger.
    public var trigger: Paise?
    /// Orders of one OCO group share this tag (the paper broker lets the stop win a bar
    /// that reaches both the stop and a target).
    public var ocoTag: String?
    /// True for an entry (margin is checked), false for an order that reduces a position.
    public var opensPosition: Bool
    /// Fills come in whole lots (F&O); 1 for cash.
    public var lotSize: Int

    public init(clientOrderId: String, symbol: String, side: Side, type: OrderType, quantity: Int, price: Paise? = nil,
                trigger: Paise? = nil, ocoTag: String? = nil, opensPosition: Bool = false, lotSize: Int = 1) {
        self.clientOrderId = clientOrderId
        self.symbol = symbol
        self.side = side
        self.type = type
        self.quantity = quantity
        self.price = price
        self.trigger = trigger
        self.ocoTag = ocoTag
        self.opensPosition = opensPosition
        self.lotSize = max(1, lotSize)
    }
}
