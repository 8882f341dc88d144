import Foundation
import Logging
import Messages
import PostgresStore
import ServiceKit
import TradingCore

extension ExecutionEngine {
    /// Rebuilds the open groups from Postgres until it answers, then executes approved
    /// decisions that never got an order.
    func restoreWithRetry() async {
        await retryUntilSuccess(logger: logger, message: "restore from Postgres failed, retrying") {
            try await self.restore()
        }
        restored = true
        await adoptUnexecutedDecisions()
    }

    func restore() async throws {
        try await serialized { engine in try await engine.performRestore() }
    }

    /// Postgres is the truth. Every group with an open position or a working entry that
    /// this process does not hold is rebuilt by replaying its fills through a fresh
    /// `OcoGroup`; the machine then says which children must be working. A child that
    /// is missing (e.g. the process died between the entry fill and the stop) is placed,
    /// once; a working order the machine does not want is cancelled; working orders it
    /// does want are handed to the (fresh) paper broker again. Each correction is an
    /// `audit_log` row.
    func performRestore() async throws {
        let (positions, working) = try await context.database.withConnection { db in
            (try PositionRepository.open(on: db), try OrderRepository.working(on: db))
        }
        var groupIds = Set(positions.map(\.ocoGroup))
        for order in working where order.leg == .entry { groupIds.insert(order.ocoGroup) }
        var rebuilt = 0
        var placed = 0
        for groupId in groupIds.sorted(by: { $0.uuidString < $1.uuidString })
        where groups[groupId] == nil && !recentlyClosed.contains(groupId) {
            placed += try await rebuild(groupId: groupId, position: positions.first { $0.ocoGroup == groupId })
            rebuilt += 1
        }
        // Working orders no group owns (their position is closed or never opened).
        let owned = Set(groups.values.flatMap { $0.orders.values.joined().map(\.id) })
        let orphans = working.filter { !owned.contains($0.id) && groups[$0.ocoGroup] == nil }
        if !orphans.isEmpty {
            let cancelled = try await context.database.withConnection { db in
                try OrderRepository.cancel(ids: orphans.map(\.id), reason: "orphan found on executor restore", on: db)
            }
            live?.register(clientOrderIds: orphans.map(\.clientOrderId))
            for order in orphans where cancelled.contains(order.id) {
                await cancelAtBroker(order)
                await audit("executor.restore.cancel_orphan", detail: ["client_order_id": order.clientOrderId, "leg": order.leg.rawValue],
                            result: "cancelled")
                await publishOrder(order, status: "CANCELLED", type: .orderCancelled)
            }
        }
        if rebuilt > 0 || !orphans.isEmpty {
            logger.info("executor state restored", metadata: ["restore.groups": "\(rebuilt)", "restore.placed_children": "\(placed)",
                                                              "restore.cancelled_orphans": "\(orphans.count)"])
        }
    }

    /// Rebuilds one group; returns how many missing children it placed.
    private func rebuild(groupId: UUID, position: PositionRecord?) async throws -> Int {
        let (orders, fills, executable) = try await context.database.withConnection { db in
            let orders = try OrderRepository.group(groupId, on: db)
            let fills = try FillRepository.group(groupId, on: db)
            let decision = try orders.first.map { try DecisionRepository.executable(decisionId: $0.decisionId, on: db) } ?? nil
            return (orders, fills, decision)
        }
        guard let first = orders.first, let executable, let side = Side(rawValue: executable.payload.side) else {
            throw ExecutorError.planMissing(groupId.uuidString)
        }
        let decision = executable.payload
        let plan = settings.exits.plan(side: side, quantity: decision.quantity, lotSize: max(1, decision.lotSize),
                                       entry: Paise(decision.entryPaise), stop: Paise(decision.stopPaise), tickSize: settings.tickSize)
        var oco = OcoGroup(plan: plan)
        var fees = Paise.zero
        var firstEntryFill: UUID?
        var lastExitFill: UUID?
        for fill in fills {
            _ = oco.handle(fill.leg == .entry ? .entryFilled(quantity: fill.quantity, price: fill.price)
                                              : .legFilled(fill.leg, quantity: fill.quantity, price: fill.price))
            fees += fill.fees
            if fill.leg == .entry { firstEntryFill = firstEntryFill ?? fill.id } else { lastExitFill = fill.id }
        }
        let workingRows = orders.filter { $0.status == "OPEN" }
        if !workingRows.contains(where: { $0.leg == .entry }) { _ = oco.handle(.entryEnded) }
        if let position { _ = oco.handle(.moveStop(to: position.stopPrice, reason: position.stopReason)) }
        // An exit was under way (flatten, an exit rule): it still is.
        if workingRows.contains(where: { $0.leg == .exit }) { _ = oco.handle(.exit(.flatten)) }

        var group = LiveGroup(id: groupId, oco: oco, planId: decision.clientPlanId, decisionId: decision.decisionId, trace: first.trace,
                              mode: first.mode, symbol: first.symbol, position: position)
        group.fees = fees
        group.firstEntryFillId = firstEntryFill
        group.lastExitFillId = lastExitFill
        for order in orders {
            // Later generations continue after every id ever used, whatever its status.
            group.generations[order.leg] = max(group.generations[order.leg] ?? 0, generation(of: order.clientOrderId))
        }
        if let position {
            group.tracker = ExitTracker(policy: settings.exits, side: side, entry: position.entryPrice, stop: oco.stopTrigger,
                                        quantity: oco.openQuantity, entryAtr: position.entryAtr,
                                        openedAt: marketTime[position.symbol] ?? position.openedAt)
        }
        groups[groupId] = group

        // The machine's wanted working set against Postgres' working rows.
        var actions: [OcoAction] = []
        var adopted: [(OrderRecord, Int)] = []
        for leg in [OcoLeg.entry, .stop, .target, .target2, .exit] {
            let rows = workingRows.filter { $0.leg == leg }
            guard let wanted = oco.working[leg] else {
                if !rows.isEmpty {
                    group.orders[leg] = rows
                    groups[groupId] = group
                    try await cancel(leg, group: &group, reason: "not wanted by the OCO group on restore")
                    groups[groupId] = group
                    for row in rows {
                        await audit("executor.restore.cancel_unwanted", detail: ["client_order_id": row.clientOrderId], result: "cancelled")
                    }
                }
                continue
            }
            if rows.isEmpty {
                switch leg {
                case .stop: actions.append(.placeStop(quantity: wanted, trigger: oco.stopTrigger))
                case .target: actions.append(.placeTarget(.target, quantity: wanted, price: plan.target1))
                case .target2: actions.append(.placeTarget(.target2, quantity: wanted, price: plan.target2 ?? plan.target1))
                case .exit: actions.append(.placeExit(quantity: wanted, reason: .flatten))
                case .entry: break
                }
                await audit("executor.restore.place_missing", detail: ["group": groupId.uuidString, "leg": leg.rawValue,
                                                                       "quantity": "\(wanted)"], result: "placed")
            } else {
                group.orders[leg] = rows
                for row in rows { orderIndex[row.clientOrderId] = groupId }
                // Entries and exits may be split; a single child gets the machine's size.
                if rows.count == 1 { adopted.append((rows[0], wanted)) } else { adopted += rows.map { ($0, $0.quantity) } }
            }
        }
        groups[groupId] = group
        // A LIVE group's orders are still at Kite: make their tags known (postbacks and the
        // poll then find them); the paper exchange lived in the process that died: hand it
        // the adopted orders again.
        var events: [BrokerEvent] = []
        if group.mode != .paper {
            live?.register(clientOrderIds: orders.map(\.clientOrderId))
            adopted = []
        }
        for (row, remaining) in adopted {
            guard let type = OrderType(rawValue: row.orderType) else { continue }
            let filledBefore = fills.filter { $0.orderId == row.id }.reduce(0) { $0 + $1.quantity }
            let left = row.leg == .entry || row.leg == .exit ? row.quantity - filledBefore : remaining
            guard left > 0 else { continue }
            if left != row.quantity - filledBefore {
                let trigger = row.leg == .stop ? oco.stopTrigger : nil
                _ = try await context.database.withConnection { db in
                    try OrderRepository.resize(id: row.id, remaining: left, trigger: trigger, on: db)
                }
            }
            let event = try await paper.place(OrderRequest(clientOrderId: row.clientOrderId, symbol: row.symbol, side: row.side, type: type,
                                                           quantity: left, price: row.price,
                                                           trigger: row.leg == .stop ? oco.stopTrigger : row.triggerPrice,
                                                           ocoTag: groupId.uuidString, opensPosition: row.leg == .entry,
                                                           lotSize: plan.lotSize), at: context.clock.now())
            if case .accepted = event { orderUpdates.track(row.clientOrderId, quantity: left) }
            events.append(event)
        }
        try await apply(events)
        try await perform(actions, groupId: groupId)
        // Flat already (the process died after the last close fill, before the trade row).
        if oco.isFinished, position != nil, case .closed(let reason) = oco.state {
            await audit("executor.restore.close_finished", detail: ["group": groupId.uuidString], result: "closed")
            try await closePosition(groupId: groupId, reason: reason)
        }
        return actions.count
    }

    /// `<plan>-S` → 1, `<plan>-S.3` → 3, `<plan>-E-2` → 2.
    private func generation(of clientOrderId: String) -> Int {
        if let dot = clientOrderId.lastIndex(of: "."), let n = Int(clientOrderId[clientOrderId.index(after: dot)...]) { return n }
        let parts = clientOrderId.split(separator: "-")
        if parts.count >= 4, let n = Int(parts[parts.count - 1]) { return n }
        return 1
    }

    /// Approved decisions with no order (missed on the bus, or the process died first) are
    /// executed now — once: the entry's client order id is unique.
    func adoptUnexecutedDecisions() async {
        do {
            let pending = try await context.database.withConnection { [settings] db in
                try DecisionRepository.approvedWithoutOrder(maxAgeSeconds: settings.adoptDecisionSeconds, on: db)
            }
            for decision in pending {
                do {
                    try await onApprovedDecision(decision.payload, trace: decision.trace, publishedAt: nil)
                    await audit("executor.restore.adopt_decision", detail: ["client_plan_id": decision.payload.clientPlanId],
                                result: "executed")
                } catch {
                    logger.warning("unexecuted decision not adopted", metadata: ["trace": "\(decision.trace)", "error": "\(error)"])
                }
            }
        } catch {
            logger.warning("adopting unexecuted decisions failed", metadata: ["error": "\(error)"])
        }
    }

    /// After a (re)subscription: Postgres may hold positions or approvals this process has not seen.
    func reconcilePending() async {
        guard restored else { return }
        do {
            try await restore()
        } catch {
            logger.warning("reconcile failed", metadata: ["error": "\(error)"])
        }
        await adoptUnexecutedDecisions()
    }
}
