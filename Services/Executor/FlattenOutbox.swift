import Foundation
import Messages
import PostgresStore
import ServiceKit
import TradingCore

/// The messages of a flatten batch, encoded while Postgres records the batch (encoding
/// 1,600 envelopes for 200 positions costs about as much as the transaction). Only the
/// ones whose rows committed are published: cancels that took effect, trades written.
struct FlattenOutbox: Sendable {
    struct ExitFill: Sendable {
        var order: OrderRecord
        var quantity: Int
        var price: Paise
        var remaining: Int
        var fee: Paise
        var fillId: UUID
    }

    struct Close: Sendable {
        var groupId: UUID
        var position: PositionRecord
        var trade: TradeRepository.NewTrade
        var metrics: TradeMetrics
        var signalId: UUID
    }

    var cancels: [(orderId: UUID, message: OutgoingMessage)] = []
    var placed: [OutgoingMessage] = []
    var fills: [OutgoingMessage] = []
    var closes: [(groupId: UUID, messages: [OutgoingMessage])] = []

    static func encode(bus: EventBus, cancelled: [OrderRecord], exits: [OrderRecord], fills: [ExitFill], closes: [Close],
                       filledAt: Date) -> FlattenOutbox {
        var box = FlattenOutbox()
        func message<P: Codable & Sendable>(_ type: MessageType, _ channel: String, _ trace: String, _ mode: TradingMode,
                                            _ payload: P) -> OutgoingMessage? {
            (try? bus.encode(type, trace: trace, mode: mode, payload: payload)).map { OutgoingMessage(channel: channel, text: $0) }
        }
        func orderPayload(_ order: OrderRecord, _ status: String) -> OrderPayload {
            OrderPayload(orderId: order.id, clientOrderId: order.clientOrderId, decisionId: order.decisionId, ocoGroup: order.ocoGroup,
                         leg: order.leg.rawValue, symbol: order.symbol, side: order.side.rawValue, orderType: order.orderType,
                         quantity: order.quantity, pricePaise: order.price?.value, triggerPaise: order.triggerPrice?.value, status: status)
        }
        for order in cancelled {
            if let m = message(.orderCancelled, Channel.orders, order.trace, order.mode, orderPayload(order, "CANCELLED")) {
                box.cancels.append((order.id, m))
            }
        }
        box.placed = exits.compactMap { message(.orderPlaced, Channel.orders, $0.trace, $0.mode, orderPayload($0, "OPEN")) }
        for fill in fills {
            let order = fill.order
            if let m = message(.fillCreated, Channel.fills, order.trace, order.mode, FillPayload(
                fillId: fill.fillId, orderId: order.id, clientOrderId: order.clientOrderId, leg: order.leg.rawValue, symbol: order.symbol,
                side: order.side.rawValue, quantity: fill.quantity, pricePaise: fill.price.value, feesPaise: fill.fee.value,
                filledAt: filledAt)) { box.fills.append(m) }
            if fill.remaining == 0, let m = message(.orderFilled, Channel.orders, order.trace, order.mode, orderPayload(order, "FILLED")) {
                box.fills.append(m)
            }
        }
        for close in closes {
            let (position, trade, metrics) = (close.position, close.trade, close.metrics)
            let messages = [
                message(.positionClosed, Channel.positions, position.trace, position.mode, PositionPayload(
                    positionId: position.id, decisionId: position.decisionId, symbol: position.symbol, side: position.side.rawValue,
                    quantity: position.quantity, entryPricePaise: position.entryPrice.value, stopPaise: position.stopPrice.value,
                    targetPaise: position.targetPrice.value, status: "CLOSED", exitReason: trade.exitReason.rawValue, openQuantity: 0,
                    target2Paise: position.target2Price?.value)),
                message(.tradeClosed, Channel.trades, position.trace, position.mode, TradePayload(
                    tradeId: trade.id, positionId: position.id, decisionId: position.decisionId, signalId: close.signalId,
                    symbol: position.symbol, side: position.side.rawValue, quantity: position.quantity,
                    entryPricePaise: position.entryPrice.value, exitPricePaise: trade.exitPrice.value,
                    grossPnlPaise: metrics.result.grossPnl.value, feesPaise: metrics.result.fees.value,
                    netPnlPaise: metrics.result.netPnl.value, exitReason: trade.exitReason.rawValue, rMultiple: metrics.rMultiple,
                    maePaise: metrics.maePaise.value, mfePaise: metrics.mfePaise.value, holdingSeconds: metrics.holdingSeconds)),
            ].compactMap { $0 }
            box.closes.append((close.groupId, messages))
        }
        return box
    }
}
