import Foundation
import Logging
import Messages
import Metrics
import PostgresStore
import ServiceKit
import TradingCore

extension ExecutionEngine {
    /// Broker reports, one at a time: each fill is booked (fill row, order, position) in one
    /// transaction before the OCO machine's answer is carried out.
    func apply(_ events: [BrokerEvent]) async throws {
        for event in events {
            guard let groupId = orderIndex[event.clientOrderId], let group = groups[groupId],
                  let order = group.orders.values.joined().first(where: { $0.clientOrderId == event.clientOrderId }) else { continue }
            switch event {
            case .filled(_, let quantity, let price, let remaining, let at):
                try await bookFill(group: group, order: order, quantity: quantity, price: price, remaining: remaining, at: at)
            case .rejected(_, let reason, _):
                try await context.database.withConnection { db in try OrderRepository.reject(id: order.id, reason: reason.rawValue, on: db) }
                removeWorking(order, from: groupId)
                logger.warning("order rejected", metadata: ["trace": "\(order.trace)", "order.client_id": "\(order.clientOrderId)",
                                                            "order.reason": "\(reason.rawValue)"])
                await publishOrder(order, status: "REJECTED", type: .orderRejected)
                let stillWorking = groups[groupId]?.orders[order.leg]?.isEmpty == false
                if !stillWorking { try await handle(order.leg == .entry ? .entryEnded : .legRejected(order.leg), groupId: groupId) }
            case .accepted, .cancelled, .modified:
                continue
            }
        }
    }

    private func bookFill(group: LiveGroup, order: OrderRecord, quantity: Int, price: Paise, remaining: Int, at: Date) async throws {
        let groupId = group.id
        var group = group
        var oco = group.oco
        let event: OcoGroup.Event = order.leg == .entry ? .entryFilled(quantity: quantity, price: price)
                                                        : .legFilled(order.leg, quantity: quantity, price: price)
        var actions = oco.handle(event)
        let otherEntriesWorking = group.orders[.entry]?.contains { $0.id != order.id } ?? false
        let entryOver = order.leg == .entry && remaining == 0 && !otherEntriesWorking
        if entryOver { actions += oco.handle(.entryEnded) }
        let fees = settings.charges.order(ContractKind(tradingSymbol: order.symbol), side: order.side, price: price, quantity: quantity).total
        let fillId = UUID()
        let now = at
        // The position row: created by the first entry fill, then kept in step with the machine.
        var position = group.position
        if order.leg == .entry || position != nil, let entryPrice = oco.entryPrice {
            if var existing = position {
                existing.quantity = oco.entryFilledQuantity
                existing.openQuantity = oco.openQuantity
                existing.entryPrice = entryPrice
                position = existing
            } else {
                position = PositionRecord(decisionId: group.decisionId, ocoGroup: groupId, trace: group.trace, mode: group.mode,
                                          symbol: group.symbol, side: oco.side, quantity: oco.entryFilledQuantity,
                                          openQuantity: oco.openQuantity, orderedQuantity: oco.plan.quantity, lotSize: oco.plan.lotSize,
                                          entryPrice: entryPrice, stopPrice: oco.stopTrigger, stopReason: oco.stopReason,
                                          initialStopPrice: oco.plan.stop, targetPrice: oco.plan.target1, target2Price: oco.plan.target2,
                                          entryAtr: lastAtr[group.symbol], openedAt: now)
            }
        }
        let isNewPosition = group.position == nil && position != nil
        let record = position
        try await context.database.transaction { db in
            guard try OrderRepository.recordFill(id: order.id, quantity: quantity, price: price, on: db) else {
                throw ExecutorError.orderNotWorking(order.clientOrderId)
            }
            try FillRepository.insert(id: fillId, orderId: order.id, trace: order.trace, quantity: quantity, price: price,
                                      fees: fees, filledAt: now, on: db)
            if let record {
                if isNewPosition {
                    try PositionRepository.insert(record, on: db)
                } else {
                    try PositionRepository.updateQuantities(id: record.id, quantity: record.quantity, openQuantity: record.openQuantity,
                                                            entryPrice: record.entryPrice, on: db)
                }
            }
        }
        // Committed: memory follows.
        group.oco = oco
        group.position = position
        group.fees += fees
        if order.leg == .entry {
            group.firstEntryFillId = group.firstEntryFillId ?? fillId
            if let position {
                group.tracker = ExitTracker(policy: settings.exits, side: oco.side, entry: position.entryPrice, stop: oco.stopTrigger,
                                            quantity: oco.openQuantity, entryAtr: position.entryAtr,
                                            openedAt: marketTime[group.symbol] ?? position.openedAt)
            }
        } else {
            group.lastExitFillId = fillId
        }
        if remaining == 0 { group.orders[order.leg]?.removeAll { $0.id == order.id } }
        groups[groupId] = group
        if remaining == 0 { orderIndex[order.clientOrderId] = nil }
        Counter(label: "aitrapp_fills_total", dimensions: [("leg", order.leg.rawValue)]).increment()
        logger.info("order filled", metadata: ["trace": "\(order.trace)", "order.client_id": "\(order.clientOrderId)",
                                               "fill.quantity": "\(quantity)", "fill.price": "\(price.rupeeString)",
                                               "order.remaining": "\(remaining)"])
        await context.bus.publish(.fillCreated, on: Channel.fills, trace: order.trace, mode: order.mode, payload: FillPayload(
            fillId: fillId, orderId: order.id, clientOrderId: order.clientOrderId, leg: order.leg.rawValue, symbol: order.symbol,
            side: order.side.rawValue, quantity: quantity, pricePaise: price.value, feesPaise: fees.value, filledAt: now))
        if remaining == 0 { await publishOrder(order, status: "FILLED", type: .orderFilled) }
        if let position {
            await publishPosition(position, status: "OPEN", type: isNewPosition ? .positionOpened : .positionUpdated, reason: nil)
        }
        if order.leg == .entry && settings.crashAfterEntryFill {
            // Test hook: die like `kill -9` between the entry fill and the stop placement.
            logger.critical("test hook: crashing after the entry fill")
            kill(getpid(), SIGKILL)
        }
        try await perform(actions, groupId: groupId)
    }

    /// Feeds one event to a group's machine and carries out its answer.
    func handle(_ event: OcoGroup.Event, groupId: UUID) async throws {
        guard var group = groups[groupId] else { return }
        let actions = group.oco.handle(event)
        groups[groupId] = group
        try await perform(actions, groupId: groupId)
    }

    /// Carries out the machine's actions in order: each order row is written before the
    /// broker hears of it; a broker rejection goes back into the machine.
    func perform(_ actions: [OcoAction], groupId: UUID) async throws {
        var followUps: [BrokerEvent] = []
        for action in actions {
            guard var group = groups[groupId] else { return }
            switch action {
            case .placeStop(let quantity, let trigger):
                followUps.append(try await place(.stop, type: .stopMarket, quantity: quantity, price: nil, trigger: trigger, group: &group))
                try await recordStop(trigger: trigger, reason: group.oco.stopReason, group: &group)
            case .placeTarget(let leg, let quantity, let price):
                followUps.append(try await place(leg, type: .limit, quantity: quantity, price: price, trigger: nil, group: &group))
            case .placeExit(let quantity, let reason):
                let slices = FreezeSlicer.slices(quantity: quantity, freezeQuantity: settings.broker.freezeQuantities[group.symbol],
                                                 lotSize: group.oco.plan.lotSize)
                for slice in slices {
                    followUps.append(try await place(.exit, type: .market, quantity: slice, price: nil, trigger: nil, group: &group))
                }
                logger.notice("closing at market", metadata: ["trace": "\(group.trace)", "group.id": "\(groupId)",
                                                              "exit.reason": "\(reason.rawValue)", "exit.quantity": "\(quantity)"])
            case .modifyStop(let quantity, let trigger):
                try await modify(.stop, remaining: quantity, trigger: trigger, group: &group)
                try await recordStop(trigger: trigger, reason: group.oco.stopReason, group: &group)
            case .modifyTarget(let leg, let quantity):
                try await modify(leg, remaining: quantity, trigger: nil, group: &group)
            case .cancel(let leg):
                try await cancel(leg, group: &group, reason: "OCO: \(leg.rawValue) no longer needed")
            case .closePosition(let reason):
                groups[groupId] = group
                try await closePosition(groupId: groupId, reason: reason)
                continue
            case .alert(let alert):
                await raiseRisk(kind: "oco_\(alert.rawValue)", severity: "CRITICAL",
                                message: "OCO group \(groupId) of \(group.symbol): \(alert.rawValue)", trace: group.trace)
            }
            groups[groupId] = group
        }
        if !followUps.isEmpty { try await apply(followUps) }
    }

    private func place(_ leg: OcoLeg, type: OrderType, quantity: Int, price: Paise?, trigger: Paise?,
                       group: inout LiveGroup) async throws -> BrokerEvent {
        let generation = (group.generations[leg] ?? 0) + 1
        group.generations[leg] = generation
        let side = leg == .entry ? group.oco.side : group.oco.side.opposite
        let order = OrderRecord(clientOrderId: ClientIds.order(plan: group.planId, leg: leg, generation: generation),
                                decisionId: group.decisionId, ocoGroup: group.id, leg: leg, trace: group.trace, mode: group.mode,
                                symbol: group.symbol, side: side, orderType: type.rawValue, quantity: quantity, price: price,
                                triggerPrice: trigger, status: "OPEN")
        let inserted = try await context.database.withConnection { db in try OrderRepository.insert(order, on: db) }
        guard inserted else {
            // Only a restore that raced this one can have used the id; the next generation will do.
            throw ExecutorError.orderNotWorking(order.clientOrderId)
        }
        group.orders[leg, default: []].append(order)
        orderIndex[order.clientOrderId] = group.id
        groups[group.id] = group
        Counter(label: "aitrapp_orders_total", dimensions: [("leg", leg.rawValue)]).increment()
        await publishOrder(order, status: "OPEN", type: .orderPlaced)
        return await submit(OrderRequest(clientOrderId: order.clientOrderId, symbol: order.symbol, side: side, type: type,
                                         quantity: quantity, price: price, trigger: trigger, ocoTag: group.id.uuidString,
                                         opensPosition: leg == .entry, lotSize: group.oco.plan.lotSize))
    }

    private func modify(_ leg: OcoLeg, remaining: Int, trigger: Paise?, group: inout LiveGroup) async throws {
        guard let order = group.orders[leg]?.first else { return }
        _ = try await context.database.withConnection { db in
            try OrderRepository.resize(id: order.id, remaining: remaining, trigger: trigger, on: db)
        }
        _ = broker.modify(order.clientOrderId, remaining: remaining, trigger: trigger, at: context.clock.now())
        var updated = order
        updated.triggerPrice = trigger ?? order.triggerPrice
        group.orders[leg] = [updated] + (group.orders[leg]?.dropFirst() ?? [])
        await publishOrder(updated, status: "OPEN", type: .orderModified, remaining: remaining)
    }

    func cancel(_ leg: OcoLeg, group: inout LiveGroup, reason: String) async throws {
        let orders = group.orders[leg] ?? []
        guard !orders.isEmpty else { return }
        let cancelled = try await context.database.withConnection { db in
            try OrderRepository.cancel(ids: orders.map(\.id), reason: reason, on: db)
        }
        for order in orders {
            _ = broker.cancel(order.clientOrderId, at: context.clock.now())
            orderIndex[order.clientOrderId] = nil
        }
        group.orders[leg] = nil
        for order in orders where cancelled.contains(order.id) { await publishOrder(order, status: "CANCELLED", type: .orderCancelled) }
    }

    private func recordStop(trigger: Paise, reason: ExitReason, group: inout LiveGroup) async throws {
        guard var position = group.position, position.stopPrice != trigger || position.stopReason != reason else { return }
        position.stopPrice = trigger
        position.stopReason = reason
        let positionId = position.id
        try await context.database.withConnection { db in
            try PositionRepository.updateStop(id: positionId, stopPrice: trigger, reason: reason, on: db)
        }
        group.position = position
        group.tracker?.stopMoved(to: trigger)
    }

    private func removeWorking(_ order: OrderRecord, from groupId: UUID) {
        groups[groupId]?.orders[order.leg]?.removeAll { $0.id == order.id }
        if groups[groupId]?.orders[order.leg]?.isEmpty == true { groups[groupId]?.orders[order.leg] = nil }
        orderIndex[order.clientOrderId] = nil
    }
}
