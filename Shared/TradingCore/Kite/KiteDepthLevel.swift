/// One level of the order book in a full-mode Kite tick: the quantity and the number of
/// orders resting at `price`.
public struct KiteDepthLevel: Hashable, Sendable {
    public var quantity: Int64
    public var price: Paise
    public var orders: Int

    public init(quantity: Int64, price: Paise, orders: Int) {
        self.quantity = quantity
        self.price = price
        self.orders = orders
    }
}
