import Foundation
import TradingCore

/// A row of `positions`: created by the entry's first fill, grown by later entry fills,
/// shrunk by partial closes, closed with the trade.
public struct PositionRecord: Sendable, Hashable {
    public var id: UUID
    public var decisionId: UUID
    public var ocoGroup: UUID
    public var trace: String
    public var mode: TradingMode
    public var symbol: String
    public var side: Side
    /// Units the entry has filled (not lots).
    public var quantity: Int
    /// Units still open.
    public var openQuantity: Int
    public var orderedQuantity: Int
    public var lotSize: Int
    /// The average entry price.
    public var entryPrice: Paise
    /// The stop's current trigger, and what a stop fill is recorded as.
    public var stopPrice: Paise
    public var stopReason: ExitReason
    public var initialStopPrice: Paise
    /// TP1 and TP2.
    public var targetPrice: Paise
    public var target2Price: Paise?
    public var entryAtr: Double?
    public var openedAt: Date

    public init(id: UUID = UUID(), decisionId: UUID, ocoGroup: UUID, trace: String, mode: TradingMode, symbol: String,
                side: Side, quantity: Int, openQuantity: Int? = nil, orderedQuantity: Int? = nil, lotSize: Int = 1,
                entryPrice: Paise, stopPrice: Paise, stopReason: ExitReason = .stop, initialStopPrice: Paise? = nil,
                targetPrice: Paise, target2Price: Paise? = nil, entryAtr: Double? = nil, openedAt: Date) {
        self.id = id
        self.decisionId = decisionId
        self.ocoGroup = ocoGroup
        self.trace = trace
        self.mode = mode
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.openQuantity = openQuantity ?? quantity
        self.orderedQuantity = orderedQuantity ?? quantity
        self.lotSize = lotSize
        self.entryPrice = entryPrice
        self.stopPrice = stopPrice
        self.stopReason = stopReason
        self.initialStopPrice = initialStopPrice ?? stopPrice
        self.targetPrice = targetPrice
        self.target2Price = target2Price
        self.entryAtr = entryAtr
        self.openedAt = openedAt
    }

    init(row: PostgresRow) throws {
        guard let mode = TradingMode(rawValue: try row.string("mode")),
              let side = Side(rawValue: try row.string("side")) else { throw PostgresError.decode("position enum value") }
        let quantity = try row.int("quantity")
        let stop = try row.paise("stop_price")
        let atrText = try row.optionalString("entry_atr")
        self.init(id: try row.uuid("id"), decisionId: try row.uuid("decision_id"), ocoGroup: try row.uuid("oco_group"),
                  trace: try row.string("trace"), mode: mode, symbol: try row.string("symbol"), side: side,
                  quantity: quantity, openQuantity: try row.optionalString("open_quantity").flatMap { Int($0) } ?? quantity,
                  orderedQuantity: try row.optionalString("ordered_quantity").flatMap { Int($0) } ?? quantity,
                  lotSize: try row.int("lot_size"), entryPrice: try row.paise("entry_price"), stopPrice: stop,
                  stopReason: ExitReason(rawValue: try row.string("stop_reason")) ?? .stop,
                  initialStopPrice: try row.optionalPaise("initial_stop_price") ?? stop,
                  targetPrice: try row.paise("target_price"), target2Price: try row.optionalPaise("target2_price"),
                  entryAtr: atrText.flatMap { Double($0) }, openedAt: try row.date("opened_at"))
    }
}
