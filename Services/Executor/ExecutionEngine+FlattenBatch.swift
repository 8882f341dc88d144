import Foundation
import Logging
import Messages
import Metrics
import PostgresStore
import ServiceKit
import TradingCore

extension ExecutionEngine {
    /// The kill switch's fast path for many groups at once: every group's machine is asked
    /// to exit (pure), the paper broker cancels the children, takes the exits and fills
    /// them against the current quotes — on a copy — and then *one* transaction records
    /// every cancel, exit order, fill, closed position and trade. Only after it commits do
    /// memory and the broker move on, and the messages go out in one pipelined batch.
    /// Groups whose exits do not fill here (a partial fill, a rejection) stay closing and
    /// finish on the normal path.
    func flattenBatch(ids: [UUID], reason: ExitReason, trace: String) async throws {
        guard !ids.isEmpty else { return }
        let started = ContinuousClock.now
        let now = context.clock.now()
        var paper = self.paper.state
        var staged: [UUID: LiveGroup] = [:]
        var cancelRows: [OrderRecord] = []
        var exitRows: [OrderRecord] = []
        var exitOwner: [String: UUID] = [:]
        var symbols: Set<String> = []
        var rejected: [BrokerEvent] = []
        for id in ids {
            guard var group = groups[id] else { continue }
            for action in group.oco.handle(.exit(reason)) {
                switch action {
                case .cancel(let leg):
                    for order in group.orders[leg] ?? [] {
                        cancelRows.append(order)
                        _ = paper.cancel(order.clientOrderId, at: now)
                    }
                    group.orders[leg] = nil
                case .placeExit(let quantity, _):
                    let slices = FreezeSlicer.slices(quantity: quantity, freezeQuantity: settings.broker.freezeQuantities[group.symbol],
                                                     lotSize: group.oco.plan.lotSize)
                    for slice in slices {
                        let generation = (group.generations[.exit] ?? 0) + 1
                        group.generations[.exit] = generation
                        let order = OrderRecord(clientOrderId: ClientIds.order(plan: group.planId, leg: .exit, generation: generation),
                                                decisionId: group.decisionId, ocoGroup: id, leg: .exit, trace: group.trace,
                                                mode: group.mode, symbol: group.symbol, side: group.oco.side.opposite,
                                                orderType: OrderType.market.rawValue, quantity: slice, price: nil, triggerPrice: nil,
                                                status: "OPEN")
                        exitRows.append(order)
                        exitOwner[order.clientOrderId] = id
                        group.orders[.exit, default: []].append(order)
                        let answer = paper.place(OrderRequest(clientOrderId: order.clientOrderId, symbol: order.symbol, side: order.side,
                                                              type: .market, quantity: slice, ocoTag: id.uuidString,
                                                              lotSize: group.oco.plan.lotSize), at: now)
                        if case .rejected = answer { rejected.append(answer) }
                        symbols.insert(group.symbol)
                    }
                default:
                    continue
                }
            }
            staged[id] = group
        }
        // Every exit is a placement: each takes a token of the one bucket (`orders_per_second`),
        // and the batch waits for the last one before anything is recorded.
        var bucketWait: TimeInterval = 0
        for _ in exitRows { bucketWait = max(bucketWait, rateLimiter.take(at: Date())) }
        if bucketWait > 0 { try? await Task.sleep(for: .milliseconds(Int((bucketWait * 1000).rounded(.up)))) }
        // The exits meet the current quote of each symbol now.
        var fills: [(order: OrderRecord, quantity: Int, price: Paise, remaining: Int, fee: Paise, fillId: UUID)] = []
        for symbol in symbols.sorted() {
            guard let quote = await referenceQuote(symbol) else { continue }
            for case .filled(let clientId, let quantity, let price, let remaining, _) in paper.onQuote(symbol, quote, at: now) {
                guard let id = exitOwner[clientId], var group = staged[id],
                      let order = group.orders[.exit]?.first(where: { $0.clientOrderId == clientId }) else { continue }
                let fee = settings.charges.order(ContractKind(tradingSymbol: order.symbol), side: order.side, price: price, quantity: quantity).total
                let fillId = UUID()
                _ = group.oco.handle(.legFilled(.exit, quantity: quantity, price: price))
                group.fees += fee
                group.lastExitFillId = fillId
                if remaining == 0 { group.orders[.exit]?.removeAll { $0.id == order.id } }
                staged[id] = group
                fills.append((order, quantity, price, remaining, fee, fillId))
            }
        }
        // Groups the fills took flat become trades.
        var trades: [(id: UUID, position: PositionRecord, trade: TradeRepository.NewTrade, metrics: TradeMetrics)] = []
        for (id, group) in staged {
            guard case .closed(let closedBy) = group.oco.state, var position = group.position, let entryFillId = group.firstEntryFillId,
                  let exitFillId = group.lastExitFillId, let entry = group.oco.entryPrice, let exit = group.oco.averageExitPrice else { continue }
            let metrics = TradeMetrics(side: position.side, quantity: group.oco.entryFilledQuantity, averageEntry: entry, averageExit: exit,
                                       initialStop: position.initialStopPrice, charges: group.fees,
                                       maePerUnit: group.tracker?.maePerUnit ?? .zero, mfePerUnit: group.tracker?.mfePerUnit ?? .zero,
                                       openedAt: position.openedAt, closedAt: now, exitReason: closedBy)
            position.quantity = group.oco.entryFilledQuantity
            position.entryPrice = entry
            trades.append((id, position, TradeRepository.NewTrade(position: position, entryFillId: entryFillId, exitFillId: exitFillId,
                                                                  exitPrice: exit, result: metrics.result, exitReason: closedBy,
                                                                  closedAt: now, metrics: metrics), metrics))
        }
        let openAfter = staged.mapValues { ($0.position?.id, $0.oco.openQuantity) }
        let (cancelling, placing, booking, closing) = (cancelRows, exitRows, fills, trades)
        // The trades' signals (one round trip), so every message can be encoded while
        // Postgres records the batch; only what committed is published.
        let decisionIds = trades.map(\.position.decisionId)
        let signalOfDecision: [UUID: UUID] = decisionIds.isEmpty ? [:] : try await context.database.withConnection { db in
            var map: [UUID: UUID] = [:]
            for row in try db.query("SELECT id, signal_id FROM decisions WHERE id = ANY($1::uuid[])", [PostgresArray.literal(decisionIds)]) {
                map[try row.uuid("id")] = try row.uuid("signal_id")
            }
            return map
        }
        let bus = context.bus
        let closes = trades.compactMap { id, position, trade, metrics in
            signalOfDecision[position.decisionId].map {
                FlattenOutbox.Close(groupId: id, position: position, trade: trade, metrics: metrics, signalId: $0)
            }
        }
        let exitFills = fills.map {
            FlattenOutbox.ExitFill(order: $0.order, quantity: $0.quantity, price: $0.price, remaining: $0.remaining, fee: $0.fee,
                                   fillId: $0.fillId)
        }
        let encoding = Task.detached(priority: .high) {
            FlattenOutbox.encode(bus: bus, cancelled: cancelling, exits: placing, fills: exitFills, closes: closes, filledAt: now)
        }
        // One transaction, one statement per kind of row (multi-row `unnest`), whatever N is:
        // exit orders are inserted with their fills already booked.
        let stagedAt = ContinuousClock.now
        let filledByOrder = Dictionary(booking.map { ($0.order.id, ($0.quantity, $0.price)) }, uniquingKeysWith: { first, _ in first })
        let (cancelled, signalIds) = try await context.database.transaction { db -> ([UUID], [UUID: UUID]) in
            let cancelled = try OrderRepository.cancel(ids: cancelling.map(\.id), reason: "cancelled by \(reason.rawValue)", on: db)
            try BatchWriteRepository.insertOrders(placing, filled: filledByOrder, on: db)
            try BatchWriteRepository.insertFills(booking.map {
                BatchWriteRepository.Fill(id: $0.fillId, orderId: $0.order.id, trace: $0.order.trace, quantity: $0.quantity,
                                          price: $0.price, fees: $0.fee)
            }, at: now, on: db)
            try BatchWriteRepository.closePositions(closing.map { ($0.position.id, $0.trade.exitReason) }, at: now, on: db)
            let signalByTrade = try BatchWriteRepository.insertTrades(closing.map(\.trade), on: db)
            var signalIds: [UUID: UUID] = [:]
            for (id, _, trade, _) in closing { signalIds[id] = signalByTrade[trade.id] }
            let stillOpen = openAfter.compactMap { id, after -> (UUID, Int)? in
                guard signalIds[id] == nil, let positionId = after.0 else { return nil }
                return (positionId, after.1)
            }
            if !stillOpen.isEmpty {
                try db.query("""
                    UPDATE positions p SET open_quantity = v.open FROM unnest($1::uuid[], $2::int[]) AS v(id, open)
                    WHERE p.id = v.id AND p.status = 'OPEN'
                    """, [PostgresArray.literal(stillOpen.map(\.0)), PostgresArray.literal(stillOpen.map(\.1))])
            }
            return (cancelled, signalIds)
        }
        let committed = ContinuousClock.now
        // Committed: memory, the broker and the bus follow.
        self.paper.state = paper
        for order in cancelRows { orderUpdates.forget(order.clientOrderId) }
        for order in cancelRows { orderIndex[order.clientOrderId] = nil }
        for (id, group) in staged {
            if signalIds[id] != nil {
                groups[id] = nil
                recentlyClosed.insert(id)
            } else {
                groups[id] = group
                for order in group.orders.values.joined() { orderIndex[order.clientOrderId] = id }
            }
        }
        let box = await encoding.value
        let encoded = ContinuousClock.now
        let cancelledIds = Set(cancelled)
        var outbox = box.cancels.filter { cancelledIds.contains($0.orderId) }.map(\.message)
        outbox += box.placed
        outbox += box.fills
        for close in box.closes where signalIds[close.groupId] != nil { outbox += close.messages }
        for (id, _, trade, _) in trades where signalIds[id] != nil {
            Counter(label: "aitrapp_trades_total", dimensions: [("exit_reason", trade.exitReason.rawValue)]).increment()
        }
        await context.bus.publish(batch: outbox)
        func ms(_ from: ContinuousClock.Instant, _ to: ContinuousClock.Instant) -> String {
            let d = to - from
            return String(format: "%.1f", Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
        }
        let published = ContinuousClock.now
        logger.info("flatten batch recorded", metadata: ["trace": "\(trace)", "flatten.cancelled": "\(cancelled.count)",
                                                         "flatten.stage_ms": "\(ms(started, stagedAt))", "flatten.sql_ms": "\(ms(stagedAt, committed))",
                                                         "flatten.encode_wait_ms": "\(ms(committed, encoded))", "flatten.publish_ms": "\(ms(encoded, published))",
                                                         "flatten.exits": "\(exitRows.count)", "flatten.trades": "\(trades.count)"])
        // A rejected exit goes back through its machine (which asks for it again).
        if !rejected.isEmpty { try await apply(rejected) }
    }
}
