import Foundation

/// `trade.closed` on `trades`: one round trip with its money and its links.
public struct TradePayload: Codable, Sendable, Hashable {
    public var tradeId: UUID
    public var positionId: UUID
    public var decisionId: UUID
    public var signalId: UUID
    public var symbol: String
    public var side: String
    public var quantity: Int
    public var entryPricePaise: Int64
    public var exitPricePaise: Int64
    public var grossPnlPaise: Int64
    public var feesPaise: Int64
    public var netPnlPaise: Int64
    public var exitReason: String
    /// Net P&L over the risk at entry.
    public var rMultiple: Double?
    /// Maximum adverse / favourable excursion over the whole quantity.
    public var maePaise: Int64?
    public var mfePaise: Int64?
    public var holdingSeconds: Int?

    public init(tradeId: UUID, positionId: UUID, decisionId: UUID, signalId: UUID, symbol: String, side: String,
                quantity: Int, entryPricePaise: Int64, exitPricePaise: Int64, grossPnlPaise: Int64, feesPaise: Int64,
                netPnlPaise: Int64, exitReason: String, rMultiple: Double? = nil, maePaise: Int64? = nil, mfePaise: Int64? = nil,
                holdingSeconds: Int? = nil) {
        self.rMultiple = rMultiple
        self.maePaise = maePaise
        self.mfePaise = mfePaise
        self.holdingSeconds = holdingSeconds
        self.tradeId = tradeId
        self.positionId = positionId
        self.decisionId = decisionId
        self.signalId = signalId
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.entryPricePaise = entryPricePaise
        self.exitPricePaise = exitPricePaise
        self.grossPnlPaise = grossPnlPaise
        self.feesPaise = feesPaise
        self.netPnlPaise = netPnlPaise
        self.exitReason = exitReason
    }
}
