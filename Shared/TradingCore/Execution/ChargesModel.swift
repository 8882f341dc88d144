/// What one executed order costs beyond its price (brokerage, taxes, exchange fees).
/// The executor uses `FlatBrokerage` until the full Indian charges model is shared.
public protocol ChargesModel: Sendable {
    func charges(side: Side, quantity: Int, price: Paise) -> Paise
}
