import Foundation
import Logging
import Messages
import PostgresStore
import ServiceKit
import TradingCore

extension ExecutionEngine {
    /// Rebuilds the open groups from Postgres until it answers.
    func restoreWithRetry() async {
        await retryUntilSuccess(logger: logger, message: "restore from Postgres failed, retrying") {
            try await restore()
        }
    }

    /// Postgres is the truth: every open position becomes a group again; a position that
    /// lost a child gets it placed again (never left without a stop); a working order with
    /// no open position behind it is cancelled.
    func restore() async throws {
        // One restore at a time: a caller arriving while one runs waits for it and runs its own after.
        while let running = restoreInFlight {
            _ = try? await running.value
            if restoreInFlight == running { restoreInFlight = nil }
        }
        let task = Task { try await self.performRestore() }
        restoreInFlight = task
        defer { if restoreInFlight == task { restoreInFlight = nil } }
        try await task.value
    }

    private func performRestore() async throws {
        let (positions, working, plans) = try await context.database.withConnection { db in
            let positions = try PositionRepository.open(on: db)
            var plans: [UUID: String] = [:]
            for position in positions { plans[position.id] = try DecisionRepository.planId(decisionId: position.decisionId, on: db) }
            return (positions, try OrderRepository.working(on: db), plans)
        }
        var rebuilt: [UUID: OpenGroup] = [:]
        var replaced: [OrderRecord] = []
        for position in positions where !recentlyClosed.contains(position.ocoGroup) {
            guard let plan = plans[position.id] else { continue }
            var children: [OcoLeg: OrderRecord] = [:]
            for order in working where order.ocoGroup == position.ocoGroup && (order.leg == .stop || order.leg == .target) {
                children[order.leg] = order
            }
            let oco = OcoGroup.restored(side: position.side, stop: position.stopPrice, target: position.targetPrice,
                                        quantity: position.quantity, entryPrice: position.entryPrice)
            let missing: [OcoAction] = [
                children[.stop] == nil ? .placeStop(quantity: position.quantity, trigger: position.stopPrice) : nil,
                children[.target] == nil ? .placeTarget(quantity: position.quantity, price: position.targetPrice) : nil,
            ].compactMap { $0 }
            for action in missing {
                guard var order = childOrder(for: action, of: position, plan: plan) else { continue }
                // A fresh client id: the original child with this leg exists (filled or cancelled).
                order.clientOrderId += "-R" + UUID().uuidString.prefix(8).lowercased()
                children[order.leg] = order
                replaced.append(order)
            }
            rebuilt[position.ocoGroup] = OpenGroup(oco: oco, position: position, planId: plan, children: children)
        }
        // Children already in memory are kept too, so a restore never cancels the live stop.
        let keep = Set(rebuilt.values.flatMap { $0.children.values.map(\.id) } + groups.values.flatMap { $0.children.values.map(\.id) })
        let orphans = working.filter { !keep.contains($0.id) }
        let toInsert = replaced
        let cancelled = try await context.database.transaction { db in
            for order in toInsert where try !OrderRepository.insert(order, on: db) {
                throw ExecutorError.orderNotWorking(order.clientOrderId)
            }
            return try OrderRepository.cancel(ids: orphans.map(\.id), reason: "orphan found on executor restart", on: db)
        }
        for (id, group) in rebuilt where groups[id] == nil && !recentlyClosed.contains(id) { groups[id] = group }
        logger.info("executor state restored", metadata: ["restore.open_positions": "\(positions.count)",
                                                          "restore.replaced_children": "\(replaced.count)",
                                                          "restore.cancelled_orphans": "\(cancelled.count)"])
        for order in replaced { await publishOrder(order, status: "OPEN", type: .orderPlaced) }
        for order in orphans where cancelled.contains(order.id) { await publishOrder(order, status: "CANCELLED", type: .orderCancelled) }
    }

    /// After a (re)subscription: Postgres may hold positions this process has not seen.
    func reconcilePending() async {
        do {
            try await restore()
        } catch {
            logger.warning("reconcile failed", metadata: ["error": "\(error)"])
        }
    }
}
