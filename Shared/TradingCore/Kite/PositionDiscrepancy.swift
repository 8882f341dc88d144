/// One symbol whose open quantity in Postgres differs from the broker's net position
/// (signed: positive long, negative short).
public struct PositionDiscrepancy: Hashable, Sendable {
    public var symbol: String
    public var ourQuantity: Int
    public var brokerQuantity: Int

    public init(symbol: String, ourQuantity: Int, brokerQuantity: Int) {
        self.symbol = symbol
        self.ourQuantity = ourQuantity
        self.brokerQuantity = brokerQuantity
    }

    /// `missing_at_broker` (we hold it, the broker is flat), `unknown_to_us` (the broker
    /// holds what Postgres does not) or `quantity_differs`.
    public var kind: String {
        if brokerQuantity == 0 { return "missing_at_broker" }
        if ourQuantity == 0 { return "unknown_to_us" }
        return "quantity_differs"
    }
}
