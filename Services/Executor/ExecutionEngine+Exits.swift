import Foundation
import Logging
import Messages
import Metrics
import PostgresStore
import ServiceKit
import TradingCore

extension ExecutionEngine {
    /// Ticks drive the paper broker: a touched stop or target fills and closes its group.
    func onTick(symbol: String, lastPricePaise: Int64) async throws {
        let price = Paise(lastPricePaise)
        guard price > .zero else { return }
        lastPrice[symbol] = price
        for (id, group) in groups where group.position.symbol == symbol && group.oco.isOpen {
            let model = settings.fillModel
            guard let leg = model.triggeredLeg(positionSide: group.oco.side, stop: group.oco.stop,
                                               target: group.oco.target, lastPrice: price) else { continue }
            let fillPrice = model.fillPrice(of: leg, positionSide: group.oco.side, target: group.oco.target, lastPrice: price)
            // One group's failure never stops the others from being checked.
            do {
                try await close(groupId: id, event: .legFilled(leg, price: fillPrice), fillPrice: fillPrice, trace: group.position.trace)
            } catch {
                logger.error("exit not recorded, will retry on the next tick", metadata: [
                    "trace": "\(group.position.trace)", "position.id": "\(group.position.id)", "error": "\(error)"])
            }
        }
    }

    /// The last traded price for exits: from ticks seen, else the last bar close marketdata
    /// left in Redis, else the entry price.
    func exitReferencePrice(for position: PositionRecord) async -> Paise {
        if let last = lastPrice[position.symbol] { return last }
        if let text = try? await context.redis.get(Channel.Key.lastPrice(position.symbol)), let paise = Int64(text), paise > 0 {
            return Paise(paise)
        }
        logger.warning("no market price known, exiting at entry price", metadata: ["position.id": "\(position.id)"])
        return position.entryPrice
    }

    /// A flatten command: tried now, and kept pending (retried by the watcher) until it
    /// completes — e.g. while Postgres is down.
    func requestFlatten(reason: ExitReason, trace: String) async {
        do {
            try await flattenAll(reason: reason, trace: trace)
            pendingFlatten = nil
        } catch {
            pendingFlatten = trace
            logger.error("flatten not complete, will retry", metadata: ["trace": "\(trace)", "error": "\(error)"])
        }
    }

    /// Retries a pending flatten; true when none is pending any more.
    func retryPendingFlatten() async -> Bool {
        guard let trace = pendingFlatten else { return true }
        await requestFlatten(reason: .flatten, trace: trace)
        return pendingFlatten == nil
    }

    /// Flattens every open group at market and cancels every other working order.
    func flattenAll(reason: ExitReason, trace: String) async throws {
        // Postgres is the truth: load every open position first, so nothing is missed and
        // no protected child is mistaken for an orphan.
        try await restore()
        logger.notice("flatten requested", metadata: ["trace": "\(trace)", "flatten.reason": "\(reason.rawValue)",
                                                      "flatten.groups": "\(groups.count)"])
        var failures = 0
        for (id, group) in groups {
            let last = await exitReferencePrice(for: group.position)
            let fillPrice = settings.fillModel.marketFillPrice(side: group.position.side.opposite, lastPrice: last)
            do {
                try await close(groupId: id, event: .flatten(reason), fillPrice: fillPrice, trace: trace)
            } catch {
                failures += 1
                logger.error("flatten of a position failed", metadata: ["trace": "\(trace)", "position.id": "\(group.position.id)",
                                                                        "error": "\(error)"])
            }
        }
        let tracked = Set(groups.values.flatMap { $0.children.values.map(\.id) })
        let orphans = try await context.database.transaction { db in
            let stray = try OrderRepository.working(on: db).filter { !tracked.contains($0.id) }
            let cancelled = try OrderRepository.cancel(ids: stray.map(\.id), reason: "cancelled by \(reason.rawValue)", on: db)
            return stray.filter { cancelled.contains($0.id) }
        }
        for order in orphans { await publishOrder(order, status: "CANCELLED", type: .orderCancelled) }
        let stillOpen = try await context.database.withConnection { db in try PositionRepository.openCount(on: db) }
        guard failures == 0, stillOpen == 0 else {
            throw ExecutorError.flattenIncomplete(openPositions: stillOpen)
        }
        if reason == .flatten {
            let marker = "{\"trace\":\"\(trace)\",\"at\":\"\(Timestamp.format(context.clock.now()))\"}"
            try await context.database.withConnection { db in try SystemStateRepository.set("flatten_handled", json: marker, on: db) }
        }
    }

    /// Runs one closing event through the group's state machine and records everything
    /// it asks for — child fill or exit order and fill, sibling cancels, position close,
    /// trade — in one transaction.
    func close(groupId: UUID, event: OcoGroup.Event, fillPrice: Paise, trace: String) async throws {
        guard var group = groups[groupId] else { return }
        var actions = group.oco.handle(event)
        guard !actions.isEmpty else { return }
        let now = context.clock.now()
        let fees = settings.brokeragePerOrder

        // The order that takes the position flat: the filled child, or a new exit order.
        var exitOrder: OrderRecord?
        var newExit = false
        if case .legFilled(let leg, _) = event { exitOrder = group.children[leg] }
        if let placement = actions.first(where: { if case .placeExit = $0 { return true } else { return false } }) {
            exitOrder = childOrder(for: placement, of: group.position, plan: group.planId)
            newExit = true
            actions += group.oco.handle(.legFilled(.exit, price: fillPrice))
        }
        guard let exitOrder else { return }
        let cancels = actions.compactMap { action -> OrderRecord? in
            if case .cancel(let leg) = action { return group.children[leg] }
            return nil
        }
        guard let reason = actions.lazy.compactMap({ action -> ExitReason? in
            if case .closePosition(let reason) = action { return reason }
            return nil
        }).first else { return }

        let position = group.position
        let insertExit = newExit
        let exitFillId = UUID()
        let planId = group.planId
        let recorded: (TradeRepository.NewTrade, UUID)
        do {
            recorded = try await context.database.transaction { db -> (TradeRepository.NewTrade, UUID) in
            guard try PositionRepository.close(id: position.id, reason: reason, at: now, on: db) else {
                throw ExecutorError.positionAlreadyClosed
            }
            if insertExit { _ = try OrderRepository.insert(exitOrder, on: db) }
            guard try OrderRepository.markFilled(id: exitOrder.id, quantity: exitOrder.quantity, averagePrice: fillPrice, on: db) else {
                throw ExecutorError.orderNotWorking(exitOrder.clientOrderId)
            }
            try FillRepository.insert(id: exitFillId, orderId: exitOrder.id, trace: position.trace, quantity: exitOrder.quantity,
                                      price: fillPrice, fees: fees, filledAt: now, on: db)
            _ = try OrderRepository.cancel(ids: cancels.map(\.id), reason: "OCO sibling of \(exitOrder.leg.rawValue)", on: db)
            guard let entryFill = try FillRepository.firstFill(clientOrderId: ClientIds.order(plan: planId, leg: .entry), on: db) else {
                throw PostgresError.decode("entry fill of \(planId) missing")
            }
            let result = TradeResult.roundTrip(side: position.side, quantity: position.quantity, entry: position.entryPrice,
                                               exit: fillPrice, fees: entryFill.fees + fees)
            let trade = TradeRepository.NewTrade(position: position, entryFillId: entryFill.id, exitFillId: exitFillId,
                                                 exitPrice: fillPrice, result: result, exitReason: reason, closedAt: now)
            let signalId = try TradeRepository.insert(trade, on: db)
            return (trade, signalId)
            }
        } catch ExecutorError.positionAlreadyClosed {
            // Closed by another path (or a commit whose reply was lost): Postgres wins.
            groups.removeValue(forKey: groupId)
            recentlyClosed.insert(groupId)
            logger.warning("position already closed in Postgres, dropped from memory", metadata: ["position.id": "\(position.id)"])
            return
        }
        let (trade, signalId) = recorded
        groups.removeValue(forKey: groupId)
        recentlyClosed.insert(groupId)
        group.children = [:]
        Counter(label: "aitrapp_trades_total", dimensions: [("exit_reason", reason.rawValue)]).increment()
        logger.info("position closed", metadata: ["trace": "\(position.trace)", "position.id": "\(position.id)",
                                                  "trade.exit_reason": "\(reason.rawValue)",
                                                  "trade.net_pnl": "\(trade.result.netPnl.rupeeString)"])

        if newExit { await publishOrder(exitOrder, status: "OPEN", type: .orderPlaced) }
        await context.bus.publish(.fillCreated, on: Channel.fills, trace: position.trace, mode: position.mode, payload: FillPayload(
            fillId: exitFillId, orderId: exitOrder.id, clientOrderId: exitOrder.clientOrderId, leg: exitOrder.leg.rawValue,
            symbol: exitOrder.symbol, side: exitOrder.side.rawValue, quantity: exitOrder.quantity, pricePaise: fillPrice.value,
            feesPaise: fees.value, filledAt: now))
        await publishOrder(exitOrder, status: "FILLED", type: .orderFilled)
        for order in cancels { await publishOrder(order, status: "CANCELLED", type: .orderCancelled) }
        await publishPosition(position, status: "CLOSED", reason: reason)
        await context.bus.publish(.tradeClosed, on: Channel.trades, trace: position.trace, mode: position.mode, payload: TradePayload(
            tradeId: trade.id, positionId: position.id, decisionId: position.decisionId, signalId: signalId,
            symbol: position.symbol, side: position.side.rawValue, quantity: position.quantity,
            entryPricePaise: position.entryPrice.value, exitPricePaise: fillPrice.value,
            grossPnlPaise: trade.result.grossPnl.value, feesPaise: trade.result.fees.value,
            netPnlPaise: trade.result.netPnl.value, exitReason: reason.rawValue))
    }
}
