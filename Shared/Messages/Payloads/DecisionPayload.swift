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
    /// Estimated round-trip charges, portfolio heat before / after, margin, and the order
    /// quantities under the freeze quantity (absent in messages from before issue 5).
    public var feesPaise: Int64?
    public var heatBeforePaise: Int64?
    public var heatAfterPaise: Int64?
    public var marginPaise: Int64?
    public var slices: [Int]?

    public init(decisionId: UUID, signalId: UUID, clientPlanId: String, approved: Bool, symbol: String, side: String,
                lots: Int, lotSize: Int, quantity: Int, entryPaise: Int64, stopPaise: Int64, targetPaise: Int64,
                riskPaise: Int64, verdicts: [GateVerdict], feesPaise: Int64? = nil, heatBeforePaise: Int64? = nil,
                heatAfterPaise: Int64? = nil, marginPaise: Int64? = nil, slices: [Int]? = nil) {
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
        self.feesPaise = feesPaise
        self.heatBeforePaise = heatBeforePaise
        self.heatAfterPaise = heatAfterPaise
        self.marginPaise = marginPaise
        self.slices = slices
    }
}
