import Foundation
import TradingCore

/// A row of `positions`.
public struct PositionRecord: Sendable, Hashable {
    public var id: UUID
    public var decisionId: UUID
    public var ocoGroup: UUID
    public var trace: String
    public var mode: TradingMode
    public var symbol: String
    public var side: Side
    /// Units, not lots.
    public var quantity: Int
    public var entryPrice: Paise
    public var stopPrice: Paise
    public var targetPrice: Paise
    public var openedAt: Date

    public init(id: UUID = UUID(), decisionId: UUID, ocoGroup: UUID, trace: String, mode: TradingMode, symbol: String,
                side: Side, quantity: Int, entryPrice: Paise, stopPrice: Paise, targetPrice: Paise, openedAt: Date) {
        self.id = id
        self.decisionId = decisionId
        self.ocoGroup = ocoGroup
        self.trace = trace
        self.mode = mode
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.entryPrice = entryPrice
        self.stopPrice = stopPrice
        self.targetPrice = targetPrice
        self.openedAt = openedAt
    }

    init(row: PostgresRow) throws {
        guard let mode = TradingMode(rawValue: try row.string("mode")),
              let side = Side(rawValue: try row.string("side")) else { throw PostgresError.decode("position enum value") }
        self.init(id: try row.uuid("id"), decisionId: try row.uuid("decision_id"), ocoGroup: try row.uuid("oco_group"),
                  trace: try row.string("trace"), mode: mode, symbol: try row.string("symbol"), side: side,
                  quantity: try row.int("quantity"), entryPrice: try row.paise("entry_price"),
                  stopPrice: try row.paise("stop_price"), targetPrice: try row.paise("target_price"),
                  openedAt: try row.date("opened_at"))
    }
}
