import Foundation
import Logging
import Messages
import Metrics
import PostgresStore
import ServiceKit
import TradingCore

extension ExecutionEngine {
    /// A flatten command: tried now, and kept pending (retried by the watcher) until it
    /// completes — e.g. while Postgres is down.
    func requestFlatten(reason: ExitReason, trace: String) async {
        do {
            _ = try await flattenAll(reason: reason, trace: trace)
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

    static func milliseconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        return String(format: "%.1f", Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
    }

    /// The kill switch. A second call while one runs joins it (same report).
    func flattenAll(reason: ExitReason, trace: String) async throws -> FlattenReport {
        if let running = flattenInFlight { return try await running.value }
        let task = Task { try await self.performFlatten(reason: reason, trace: trace) }
        flattenInFlight = task
        defer { flattenInFlight = nil }
        return try await task.value
    }

    /// Blocks entries, cancels every working order, closes every position at market,
    /// waits for the fills, re-checks in Postgres that the book is flat, and reports.
    private func performFlatten(reason: ExitReason, trace: String) async throws -> FlattenReport {
        let started = ContinuousClock.now
        entriesBlocked = true
        defer { entriesBlocked = false }
        // Postgres is the truth: adopt every open position first, so nothing is missed.
        let closing = try await serialized { engine -> Int in
            try await engine.performRestore()
            engine.logger.info("flatten restore checked", metadata: ["trace": "\(trace)",
                                                                     "flatten.restore_ms": "\(Self.milliseconds(since: started))"])
            let ids = engine.groups.keys.sorted { $0.uuidString < $1.uuidString }
            engine.logger.notice("flatten requested", metadata: ["trace": "\(trace)", "flatten.reason": "\(reason.rawValue)",
                                                                 "flatten.groups": "\(ids.count)"])
            var failures = 0
            // PAPER groups in one transaction on a copy of the paper exchange; LIVE groups one by
            // one through Kite (each order row is written before Kite hears of it).
            let paperIds = ids.filter { engine.groups[$0]?.mode == .paper }
            let liveIds = ids.filter { engine.groups[$0]?.mode != .paper }
            for id in liveIds {
                do {
                    try await engine.handle(.exit(reason), groupId: id)
                } catch {
                    failures += 1
                    engine.logger.error("flatten of a group failed", metadata: ["trace": "\(trace)", "group.id": "\(id)", "error": "\(error)"])
                }
            }
            do {
                try await engine.flattenBatch(ids: paperIds, reason: reason, trace: trace)
            } catch {
                // One group's trouble must not hold up the others: one by one instead.
                engine.logger.error("flatten batch failed, closing group by group", metadata: ["trace": "\(trace)", "error": "\(error)"])
                for id in paperIds {
                    do {
                        try await engine.handle(.exit(reason), groupId: id)
                    } catch {
                        failures += 1
                        engine.logger.error("flatten of a group failed", metadata: ["trace": "\(trace)", "group.id": "\(id)",
                                                                                    "error": "\(error)"])
                    }
                }
            }
            // The exits fill against the current quote now, not at the next tick.
            try await engine.fillStaleMarketOrders(force: true)
            if failures > 0 { throw ExecutorError.flattenIncomplete(openPositions: failures, workingOrders: 0) }
            return ids.count
        }
        // Wait for the exits (a simulated latency or a partial fill delays them).
        let deadline = ContinuousClock.now + .milliseconds(settings.flattenTimeoutMilliseconds)
        var lastPoll = ContinuousClock.now
        while !groups.isEmpty && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(2))
            await pulse(force: true)
            // LIVE exits fill at Kite: ask its order book often rather than wait for postbacks.
            if ContinuousClock.now - lastPoll > .milliseconds(200), groups.values.contains(where: { $0.mode != .paper }) {
                lastPoll = ContinuousClock.now
                await pollBrokers()
            }
        }
        logger.info("flatten exits filled", metadata: ["trace": "\(trace)", "flatten.filled_ms": "\(Self.milliseconds(since: started))"])
        // Anything still working in Postgres that no group owns is cancelled; then re-check.
        let tracked = Set(groups.values.flatMap { $0.orders.values.joined().map(\.id) })
        let (stray, cancelled) = try await context.database.transaction { db in
            let stray = try OrderRepository.working(on: db).filter { !tracked.contains($0.id) }
            return (stray, try OrderRepository.cancel(ids: stray.map(\.id), reason: "cancelled by \(reason.rawValue)", on: db))
        }
        for order in stray where cancelled.contains(order.id) {
            await cancelAtBroker(order)
            await publishOrder(order, status: "CANCELLED", type: .orderCancelled)
        }
        let (open, working) = try await context.database.withConnection { db in
            (try PositionRepository.openCount(on: db), try OrderRepository.working(on: db).count)
        }
        let elapsed = ContinuousClock.now - started
        let durationMs = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let report = FlattenReport(positionsClosed: closing - groups.count, ordersCancelled: cancelled.count,
                                   durationMs: durationMs, flat: open == 0 && working == 0)
        Timer(label: "aitrapp_flatten_seconds").recordNanoseconds(Int64(durationMs * 1e6))
        logger.notice("flatten finished", metadata: ["trace": "\(trace)", "flatten.reason": "\(reason.rawValue)",
                                                     "flatten.duration_ms": "\(String(format: "%.1f", durationMs))",
                                                     "flatten.positions": "\(closing)", "flatten.flat": "\(report.flat)"])
        await context.bus.publish(.flattenCompleted, on: Channel.risk, trace: trace, mode: mode, payload: FlattenPayload(
            reason: reason.rawValue, positionsClosed: report.positionsClosed, ordersCancelled: report.ordersCancelled,
            durationMs: durationMs, flat: report.flat))
        guard report.flat else { throw ExecutorError.flattenIncomplete(openPositions: open, workingOrders: working) }
        if reason == .flatten {
            let marker = "{\"trace\":\"\(trace)\",\"at\":\"\(Timestamp.format(context.clock.now()))\",\"duration_ms\":\(Int(durationMs.rounded()))}"
            try await context.database.withConnection { db in try SystemStateRepository.set("flatten_handled", json: marker, on: db) }
        }
        return report
    }
}
