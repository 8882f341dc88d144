/// The outcome of `RiskGatePolicy.canEnter`: every gate's verdict, and the size when approved.
public struct RiskDecision: Hashable, Sendable, Codable {
    public var approved: Bool
    public var verdicts: [GateVerdict]
    public var lots: Int
    public var lotSize: Int
    /// Units to trade: lots × lot size.
    public var quantity: Int { lots * lotSize }
    /// Rupees lost if the stop is hit at the sized quantity, round-trip charges included.
    public var riskAmount: Paise
    /// Estimated round-trip charges (entry, exit at the stop) at the sized quantity.
    public var fees: Paise = .zero
    /// Portfolio heat before and after this trade.
    public var heatBefore: Paise = .zero
    public var heatAfter: Paise = .zero
    public var marginRequired: Paise = .zero
    /// Order quantities that keep each order under the freeze quantity (one slice when none is needed).
    public var slices: [Int] = []

    public init(approved: Bool, verdicts: [GateVerdict], lots: Int, lotSize: Int, riskAmount: Paise) {
        self.approved = approved
        self.verdicts = verdicts
        self.lots = lots
        self.lotSize = lotSize
        self.riskAmount = riskAmount
    }

    /// The verdicts that failed, in gate order.
    public var rejections: [GateVerdict] { verdicts.filter { !$0.passed } }
}
