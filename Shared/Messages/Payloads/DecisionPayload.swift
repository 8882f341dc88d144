import Foundation
import TradingCore

/// `decision.approved` / `decision.rejected` on `decisions`.
public struct DecisionPayload: Codable, Sendable, Hashable {
    public var decisionId: UUID
    public var signalId: UUID
    public var clientPlanId: String
    public var approved: Bool
    public var symbol: String
    public var side: String
    public var lots: Int
    public var lotSize: Int
    /// Units: lots × lot size.
    public var quantity: Int
    public var entryPaise: Int64
    public var stopPaise: Int64
    public var targetPaise: Int64
    public var riskPaise: Int64
    public var verdicts: [GateVerdict]

    public init(decisionId: UUID, signalId: UUID, clientPlanId: String, approved: Bool, symbol: String, side: String,
                lots: Int, lotSize: Int, quantity: Int, entryPaise: Int64, stopPaise: Int64, targetPaise: Int64,
                riskPaise: Int64, verdicts: [GateVerdict]) {
        self.decisionId = decisionId
        self.signalId = signalId
        self.clientPlanId = clientPlanId
        self.approved = approved
        self.symbol = symbol
        self.side = side
        self.lots = lots
        self.lotSize = lotSize
        self.quantity = quantity
        self.entryPaise = entryPaise
        self.stopPaise = stopPaise
        self.targetPaise = targetPaise
        self.riskPaise = riskPaise
        self.verdicts = verdicts
    }
}
