import Foundation

/// `position.opened` / `position.updated` (a later entry fill or a partial close) / `position.closed` on `positions`.
public struct PositionPayload: Codable, Sendable, Hashable {
    public var positionId: UUID
    public var decisionId: UUID
    public var symbol: String
    public var side: String
    public var quantity: Int
    public var entryPricePaise: Int64
    public var stopPaise: Int64
    public var targetPaise: Int64
    /// OPEN or CLOSED.
    public var status: String
    public var exitReason: String?
    /// Units still open (quantity is what the entry filled).
    public var openQuantity: Int?
    /// TP2, when the plan has one (`targetPaise` is TP1).
    public var target2Paise: Int64?

    public init(positionId: UUID, decisionId: UUID, symbol: String, side: String, quantity: Int, entryPricePaise: Int64,
                stopPaise: Int64, targetPaise: Int64, status: String, exitReason: String?, openQuantity: Int? = nil,
                target2Paise: Int64? = nil) {
        self.openQuantity = openQuantity
        self.target2Paise = target2Paise
        self.positionId = positionId
        self.decisionId = decisionId
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.entryPricePaise = entryPricePaise
        self.stopPaise = stopPaise
        self.targetPaise = targetPaise
        self.status = status
        self.exitReason = exitReason
    }
}
