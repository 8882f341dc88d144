/// The five best bid and five best offer levels of a full-mode Kite tick, best first.
///
/// Kite always sends all five levels on each side; an empty level has zero quantity,
/// price and orders.
public struct KiteMarketDepth: Hashable, Sendable {
    public var buy: [KiteDepthLevel]
    public var sell: [KiteDepthLevel]

    public init(buy: [KiteDepthLevel], sell: [KiteDepthLevel]) {
        self.buy = buy
        self.sell = sell
    }
}
