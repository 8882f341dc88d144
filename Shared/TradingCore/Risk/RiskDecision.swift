/// The outcome of `RiskGatePolicy.canEnter`: every gate's verdict, and the size when approved.
public struct RiskDecision: Hashable, Sendable, Codable {
    public var approved: Bool
    public var verdicts: [GateVerdict]
    public var lots: Int
    public var lotSize: Int
    /// Units to trade: lots × lot size.
    public var quantity: Int { lots * lotSize }
    /// Rupees lost if the stop is hit at the sized quantity.
    public var riskAmount: Paise

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
