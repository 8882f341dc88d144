import Foundation
import Logging
import Messages
import Metrics
import PostgresStore
import ServiceKit
import TradingCore

extension ExecutionEngine {
    /// Broker reports, one at a time: each fill is booked (fill row, order, position) in one
    /// transaction before the OCO machine's answer is carried out. `fromReports`: the events
    /// came from a broker's cumulative reports (postback, poll), which the tracker has
    /// already counted; events of the paper exchange are noted in the tracker here.
    func apply(_ events: [BrokerEvent], fromReports: Bool = false) async throws {
        for event in events {
            guard let groupId = orderIndex[event.clientOrderId], let group = groups[groupId],
                  let order = group.orders.values.joined().first(where: { $0.clientOrderId == event.clientOrderId }) else { continue }
            switch event {
            case .filled(_, let quantity, let price, let remaining, let at):
                if !fromReports { orderUpdates.noteFill(order.clientOrderId, quantity: quantity, price: price) }
                try await bookFill(group: group, order: order, quantity: quantity, price: price, remaining: remaining, at: at)
                if remaining == 0 { orderUpdates.forget(order.clientOrderId) }
            case .rejected(_, let reason, _):
                try await context.database.withConnection { db in try OrderRepository.reject(id: order.id, reason: reason.rawValue, on: db) }
                removeWorking(order, from: groupId)
                orderUpdates.forget(order.clientOrderId)
                logger.warning("order rejected", metadata: ["trace": "\(order.trace)", "order.client_id": "\(order.clientOrderId)",
                                                            "order.reason": "\(reason.rawValue)"])
                await publishOrder(order, status: "REJECTED", type: .orderRejected)
                try await legEnded(order, groupId: groupId)
            case .cancelled(_, let remaining, _):
                // Only a broker's report gets here (our own cancels take the order out of the
                // index first): the exchange or the broker cancelled a working order.
                let cancelled = try await context.database.withConnection { db in
                    try OrderRepository.cancel(ids: [order.id], reason: "cancelled by the broker", on: db)
                }
                removeWorking(order, from: groupId)
                orderUpdates.forget(order.clientOrderId)
                logger.warning("order cancelled by the broker", metadata: ["trace": "\(order.trace)", "order.client_id": "\(order.clientOrderId)",
                                                                          "order.remaining": "\(remaining)"])
                if cancelled.contains(order.id) { await publishOrder(order, status: "CANCELLED", type: .orderCancelled) }
                try await legEnded(order, groupId: groupId)
            case .accepted:
                if order.leg == .stop { groups[groupId]?.stopFailures = 0 }
            case .modified:
                continue
            }
        }
    }

    /// A working order ended without filling (rejected, or cancelled by the broker). A stop
    /// is placed again first (`executor.stop_placement_attempts`); only a stop that still
    /// cannot be placed goes to the machine, which raises the CRITICAL alert and closes the
    /// position at market. Any stop slice lost means the position is not fully covered.
    private func legEnded(_ order: OrderRecord, groupId: UUID) async throws {
        guard var group = groups[groupId] else { return }
        if order.leg == .stop, group.oco.isOpen, group.oco.working[.stop] != nil {
            group.stopFailures += 1
            groups[groupId] = group
            if group.stopFailures < settings.stopPlacementAttempts {
                logger.warning("stop not placed, placing it again", metadata: ["trace": "\(order.trace)", "group.id": "\(groupId)",
                                                                              "stop.attempt": "\(group.stopFailures + 1)"])
                let event = try await place(.stop, type: .stopMarket, quantity: order.quantity, price: nil, trigger: group.oco.stopTrigger,
                                            group: &group)
                groups[groupId] = group
                try await apply([event])
                return
            }
            // Whatever stop slices still work are cancelled by the machine's exit.
            try await handle(.legRejected(.stop), groupId: groupId)
            return
        }
        if order.leg == .exit {
            // The machine asks for a refused exit again; a broker that refuses everything
            // (an expired Kite session) must not turn that into an endless loop.
            group.exitFailures += 1
            groups[groupId] = group
            if group.exitFailures > Self.maxExitFailures {
                await raiseRisk(kind: "exit_unplaceable", severity: "CRITICAL",
                                message: "exit of \(group.symbol) refused \(group.exitFailures) times; position left open, close it by hand",
                                trace: group.trace)
                return
            }
        }
        let stillWorking = groups[groupId]?.orders[order.leg]?.isEmpty == false
        if !stillWorking { try await handle(order.leg == .entry ? .entryEnded : .legRejected(order.leg), groupId: groupId) }
    }

    /// Refused exits of one group before the executor stops asking and raises `exit_unplaceable`.
    static let maxExitFailures = 5

    /// Reports from a broker (a Kite postback, the periodic poll): each adds only what the
    /// tracker has not seen, and the result goes through the same path as the paper
    /// exchange's events. Reports for orders this process does not hold are counted and skipped.
    func onBrokerUpdates(_ updates: [BrokerOrderUpdate], source: String) async throws {
        try await serialized { engine in try await engine.applyBrokerUpdates(updates, source: source) }
    }

    func applyBrokerUpdates(_ updates: [BrokerOrderUpdate], source: String) async throws {
        var events: [BrokerEvent] = []
        for update in updates {
            Counter(label: "aitrapp_broker_updates_total", dimensions: [("source", source)]).increment()
            guard let clientId = update.clientOrderId, let groupId = orderIndex[clientId], let group = groups[groupId],
                  let order = group.orders.values.joined().first(where: { $0.clientOrderId == clientId }) else {
                Counter(label: "aitrapp_broker_updates_unmatched_total", dimensions: [("source", source)]).increment()
                continue
            }
            // An order restored from Postgres: start from what Postgres has booked for it.
            if !orderUpdates.isTracking(clientId) {
                let booked = try await context.database.withConnection { db in try FillRepository.group(groupId, on: db) }
                    .filter { $0.orderId == order.id }
                let filled = booked.reduce(0) { $0 + $1.quantity }
                let value = booked.reduce(Int64(0)) { $0 + Int64($1.quantity) * $1.price.value }
                orderUpdates.track(clientId, quantity: order.quantity, filledQuantity: filled,
                                   averagePrice: filled > 0 ? Paise(value / Int64(filled)) : nil)
            }
            events += orderUpdates.apply(update, clientOrderId: clientId)
        }
        if !events.isEmpty {
            logger.info("broker reports applied", metadata: ["broker.source": "\(source)", "broker.events": "\(events.count)"])
            try await apply(events, fromReports: true)
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
                group.stopFailures = 0
                for slice in slices(quantity, group: group) {
                    followUps.append(try await place(.stop, type: .stopMarket, quantity: slice, price: nil, trigger: trigger, group: &group))
                }
                try await recordStop(trigger: trigger, reason: group.oco.stopReason, group: &group)
            case .placeTarget(let leg, let quantity, let price):
                for slice in slices(quantity, group: group) {
                    followUps.append(try await place(leg, type: .limit, quantity: slice, price: price, trigger: nil, group: &group))
                }
            case .placeExit(let quantity, let reason):
                for slice in slices(quantity, group: group) {
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

    /// `quantity` in orders at or under the symbol's freeze quantity (whole lots).
    func slices(_ quantity: Int, group: LiveGroup) -> [Int] {
        FreezeSlicer.slices(quantity: quantity, freezeQuantity: settings.broker.freezeQuantities[group.symbol], lotSize: group.oco.plan.lotSize)
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
                                         opensPosition: leg == .entry, lotSize: group.oco.plan.lotSize), mode: group.mode)
    }

    /// Resizes a leg to `remaining` (and moves a stop's trigger). A leg split at the freeze
    /// quantity keeps full slices first; slices no longer needed are cancelled.
    private func modify(_ leg: OcoLeg, remaining: Int, trigger: Paise?, group: inout LiveGroup) async throws {
        let orders = group.orders[leg] ?? []
        guard !orders.isEmpty else { return }
        var sizes = slices(remaining, group: group)
        if orders.count == 1 { sizes = [remaining] }
        var kept: [OrderRecord] = []
        var surplus: [OrderRecord] = []
        for (index, order) in orders.enumerated() {
            guard index < sizes.count else { surplus.append(order); continue }
            let size = index == orders.count - 1 ? sizes[index...].reduce(0, +) : sizes[index]
            _ = try await context.database.withConnection { db in
                try OrderRepository.resize(id: order.id, remaining: size, trigger: trigger, on: db)
            }
            do {
                _ = try await broker(for: order.mode)?.modify(order.clientOrderId, remaining: size, price: nil, trigger: trigger,
                                                              at: context.clock.now())
            } catch {
                // The row says what is wanted; the poll (or the next modify) brings the broker in line.
                logger.error("broker modify failed", metadata: ["trace": "\(order.trace)", "order.client_id": "\(order.clientOrderId)",
                                                                "error": "\(error)"])
            }
            orderUpdates.resize(order.clientOrderId, quantity: size)
            var updated = order
            updated.triggerPrice = trigger ?? order.triggerPrice
            kept.append(updated)
            await publishOrder(updated, status: "OPEN", type: .orderModified, remaining: size)
        }
        group.orders[leg] = kept
        if !surplus.isEmpty {
            let surplusIds = surplus.map(\.id)
            let cancelled = try await context.database.withConnection { db in
                try OrderRepository.cancel(ids: surplusIds, reason: "OCO: slice no longer needed", on: db)
            }
            for order in surplus {
                await cancelAtBroker(order)
                if cancelled.contains(order.id) { await publishOrder(order, status: "CANCELLED", type: .orderCancelled) }
            }
        }
    }

    /// Takes a working order off its broker; a failure is logged (the poll reconciles).
    func cancelAtBroker(_ order: OrderRecord) async {
        orderIndex[order.clientOrderId] = nil
        orderUpdates.forget(order.clientOrderId)
        do {
            _ = try await broker(for: order.mode)?.cancel(order.clientOrderId, at: context.clock.now())
        } catch {
            logger.error("broker cancel failed", metadata: ["trace": "\(order.trace)", "order.client_id": "\(order.clientOrderId)",
                                                            "error": "\(error)"])
        }
    }

    func cancel(_ leg: OcoLeg, group: inout LiveGroup, reason: String) async throws {
        let orders = group.orders[leg] ?? []
        guard !orders.isEmpty else { return }
        let cancelled = try await context.database.withConnection { db in
            try OrderRepository.cancel(ids: orders.map(\.id), reason: reason, on: db)
        }
        for order in orders { await cancelAtBroker(order) }
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
