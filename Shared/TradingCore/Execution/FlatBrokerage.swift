/// A flat fee per executed order (Kite's ₹20 intraday cap), plus an optional share of
/// the sell-side turnover (a stand-in for STT).
public struct FlatBrokerage: ChargesModel, Hashable {
    public var perOrder: Paise
    public var sellTurnoverFraction: Double

    public init(perOrder: Paise = Paise(2000), sellTurnoverFraction: Double = 0) {
        self.perOrder = perOrder
        self.sellTurnoverFraction = sellTurnoverFraction
    }

    public func charges(side: Side, quantity: Int, price: Paise) -> Paise {
        guard quantity > 0 else { return .zero }
        let tax = side == .sell ? Int64((Double(price.value) * Double(quantity) * sellTurnoverFraction).rounded()) : 0
        return perOrder + Paise(tax)
    }
}
