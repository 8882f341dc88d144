import Foundation
import Logging
import Messages
import Metrics
import PostgresStore
import ServiceKit
import TradingCore

extension ExecutionEngine {
    /// The machine says the position is flat: close the row and record the trade with its
    /// money, R multiple, excursions, holding time and exit reason — in one transaction.
    func closePosition(groupId: UUID, reason: ExitReason) async throws {
        guard let group = groups[groupId] else { return }
        guard let position = group.position, let entryFillId = group.firstEntryFillId, let exitFillId = group.lastExitFillId,
              let entry = group.oco.entryPrice, let exit = group.oco.averageExitPrice else {
            groups[groupId] = nil
            recentlyClosed.insert(groupId)
            return
        }
        let now = context.clock.now()
        let metrics = TradeMetrics(side: position.side, quantity: group.oco.entryFilledQuantity, averageEntry: entry, averageExit: exit,
                                   initialStop: position.initialStopPrice, charges: group.fees,
                                   maePerUnit: group.tracker?.maePerUnit ?? .zero, mfePerUnit: group.tracker?.mfePerUnit ?? .zero,
                                   openedAt: position.openedAt, closedAt: now, exitReason: reason)
        var closed = position
        closed.quantity = group.oco.entryFilledQuantity
        closed.entryPrice = entry
        let trade = TradeRepository.NewTrade(position: closed, entryFillId: entryFillId, exitFillId: exitFillId, exitPrice: exit,
                                             result: metrics.result, exitReason: reason, closedAt: now, metrics: metrics)
        let signalId: UUID
        do {
            signalId = try await context.database.transaction { db in
                guard try PositionRepository.close(id: position.id, reason: reason, at: now, on: db) else {
                    throw ExecutorError.positionAlreadyClosed
                }
                return try TradeRepository.insert(trade, on: db)
            }
        } catch let error as ExecutorError where error.isPositionAlreadyClosed {
            groups[groupId] = nil
            recentlyClosed.insert(groupId)
            logger.warning("position already closed in Postgres, dropped from memory", metadata: ["position.id": "\(position.id)"])
            return
        }
        groups[groupId] = nil
        recentlyClosed.insert(groupId)
        Counter(label: "aitrapp_trades_total", dimensions: [("exit_reason", reason.rawValue)]).increment()
        logger.info("position closed", metadata: ["trace": "\(position.trace)", "position.id": "\(position.id)",
                                                  "trade.exit_reason": "\(reason.rawValue)",
                                                  "trade.net_pnl": "\(metrics.result.netPnl.rupeeString)",
                                                  "trade.r_multiple": "\(metrics.rMultiple)"])
        await publishPosition(closed, status: "CLOSED", type: .positionClosed, reason: reason)
        await context.bus.publish(.tradeClosed, on: Channel.trades, trace: position.trace, mode: position.mode, payload: TradePayload(
            tradeId: trade.id, positionId: position.id, decisionId: position.decisionId, signalId: signalId,
            symbol: position.symbol, side: position.side.rawValue, quantity: closed.quantity,
            entryPricePaise: entry.value, exitPricePaise: exit.value,
            grossPnlPaise: metrics.result.grossPnl.value, feesPaise: metrics.result.fees.value,
            netPnlPaise: metrics.result.netPnl.value, exitReason: reason.rawValue, rMultiple: metrics.rMultiple,
            maePaise: metrics.maePaise.value, mfePaise: metrics.mfePaise.value, holdingSeconds: metrics.holdingSeconds))
    }

    // MARK: Publishing

    func publishOrder(_ order: OrderRecord, status: String, type: MessageType, remaining: Int? = nil) async {
        await context.bus.publish(type, on: Channel.orders, trace: order.trace, mode: order.mode, payload: OrderPayload(
            orderId: order.id, clientOrderId: order.clientOrderId, decisionId: order.decisionId, ocoGroup: order.ocoGroup,
            leg: order.leg.rawValue, symbol: order.symbol, side: order.side.rawValue, orderType: order.orderType,
            quantity: remaining ?? order.quantity, pricePaise: order.price?.value, triggerPaise: order.triggerPrice?.value, status: status))
    }

    func publishPosition(_ position: PositionRecord, status: String, type: MessageType, reason: ExitReason?) async {
        await context.bus.publish(type, on: Channel.positions, trace: position.trace, mode: position.mode, payload: PositionPayload(
            positionId: position.id, decisionId: position.decisionId, symbol: position.symbol, side: position.side.rawValue,
            quantity: position.quantity, entryPricePaise: position.entryPrice.value, stopPaise: position.stopPrice.value,
            targetPaise: position.targetPrice.value, status: status, exitReason: reason?.rawValue,
            openQuantity: status == "CLOSED" ? 0 : position.openQuantity, target2Paise: position.target2Price?.value))
    }

    func raiseRisk(kind: String, severity: String, message: String, trace: String?) async {
        logger.critical("risk event", metadata: ["trace": "\(trace ?? "")", "risk.kind": "\(kind)", "risk.message": "\(message)"])
        _ = try? await context.database.withConnection { db in
            try RiskEventRepository.insert(kind: kind, severity: severity, message: message, trace: trace, on: db)
        }
        await context.bus.publish(.riskEvent, on: Channel.risk, trace: trace ?? TraceID.make(), mode: mode,
                                  payload: RiskEventPayload(kind: kind, severity: severity, message: message))
    }

    /// An audit row for a correction the executor made on its own (restore, reconcile).
    func audit(_ action: String, detail: [String: String], result: String) async {
        let json = String(decoding: (try? JSONSerialization.data(withJSONObject: detail, options: [.sortedKeys])) ?? Data("{}".utf8),
                          as: UTF8.self)
        do {
            try await context.database.withConnection { db in
                try AuditRepository.insert(actor: "executor", action: action, requestJSON: json, result: result, remoteAddress: nil,
                                           configSha: nil, on: db)
            }
        } catch {
            logger.error("audit row not written", metadata: ["audit.action": "\(action)", "error": "\(error)"])
        }
    }
}
