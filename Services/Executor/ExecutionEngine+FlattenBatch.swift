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
        // The exits meet the current quote of each symbol now.
        var fills: [(order: OrderRecord, quantity: Int, price: Paise, remaining: Int, fee: Paise, fillId: UUID)] = []
        for symbol in symbols.sorted() {
            guard let quote = await referenceQuote(symbol) else { continue }
            for case .filled(let clientId, let quantity, let price, let remaining, _) in paper.onQuote(symbol, quote, at: now) {
                guard let id = exitOwner[clientId], var group = staged[id],
                      let order = group.orders[.exit]?.first(where: { $0.clientOrderId == clientId }) else { continue }
                let fee = settings.charges.charges(side: order.side, quantity: quantity, price: price)
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
        // One transaction, one statement per kind of row (multi-row `unnest`), whatever N is.
        let (cancelled, signalIds) = try await context.database.transaction { db -> ([UUID], [UUID: UUID]) in
            let cancelled = try OrderRepository.cancel(ids: cancelling.map(\.id), reason: "cancelled by \(reason.rawValue)", on: db)
            try BatchWriteRepository.insertOrders(placing, on: db)
            try BatchWriteRepository.recordFills(booking.map {
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
        var outbox: [OutgoingMessage] = []
        func add<P: Codable & Sendable>(_ type: MessageType, _ channel: String, _ trace: String, _ mode: TradingMode, _ payload: P) {
            if let text = try? context.bus.encode(type, trace: trace, mode: mode, payload: payload) {
                outbox.append(OutgoingMessage(channel: channel, text: text))
            }
        }
        func orderPayload(_ order: OrderRecord, _ status: String) -> OrderPayload {
            OrderPayload(orderId: order.id, clientOrderId: order.clientOrderId, decisionId: order.decisionId, ocoGroup: order.ocoGroup,
                         leg: order.leg.rawValue, symbol: order.symbol, side: order.side.rawValue, orderType: order.orderType,
                         quantity: order.quantity, pricePaise: order.price?.value, triggerPaise: order.triggerPrice?.value, status: status)
        }
        for order in cancelRows where cancelled.contains(order.id) {
            add(.orderCancelled, Channel.orders, order.trace, order.mode, orderPayload(order, "CANCELLED"))
        }
        for order in exitRows { add(.orderPlaced, Channel.orders, order.trace, order.mode, orderPayload(order, "OPEN")) }
        for fill in fills {
            let order = fill.order
            add(.fillCreated, Channel.fills, order.trace, order.mode, FillPayload(
                fillId: fill.fillId, orderId: order.id, clientOrderId: order.clientOrderId, leg: order.leg.rawValue, symbol: order.symbol,
                side: order.side.rawValue, quantity: fill.quantity, pricePaise: fill.price.value, feesPaise: fill.fee.value, filledAt: now))
            if fill.remaining == 0 { add(.orderFilled, Channel.orders, order.trace, order.mode, orderPayload(order, "FILLED")) }
        }
        for (id, position, trade, metrics) in trades {
            guard let signalId = signalIds[id] else { continue }
            add(.positionClosed, Channel.positions, position.trace, position.mode, PositionPayload(
                positionId: position.id, decisionId: position.decisionId, symbol: position.symbol, side: position.side.rawValue,
                quantity: position.quantity, entryPricePaise: position.entryPrice.value, stopPaise: position.stopPrice.value,
                targetPaise: position.targetPrice.value, status: "CLOSED", exitReason: trade.exitReason.rawValue, openQuantity: 0,
                target2Paise: position.target2Price?.value))
            add(.tradeClosed, Channel.trades, position.trace, position.mode, TradePayload(
                tradeId: trade.id, positionId: position.id, decisionId: position.decisionId, signalId: signalId, symbol: position.symbol,
                side: position.side.rawValue, quantity: position.quantity, entryPricePaise: position.entryPrice.value,
                exitPricePaise: trade.exitPrice.value, grossPnlPaise: metrics.result.grossPnl.value, feesPaise: metrics.result.fees.value,
                netPnlPaise: metrics.result.netPnl.value, exitReason: trade.exitReason.rawValue, rMultiple: metrics.rMultiple,
                maePaise: metrics.maePaise.value, mfePaise: metrics.mfePaise.value, holdingSeconds: metrics.holdingSeconds))
            Counter(label: "aitrapp_trades_total", dimensions: [("exit_reason", trade.exitReason.rawValue)]).increment()
        }
        await context.bus.publish(batch: outbox)
        logger.info("flatten batch recorded", metadata: ["trace": "\(trace)", "flatten.cancelled": "\(cancelled.count)",
                                                         "flatten.exits": "\(exitRows.count)", "flatten.trades": "\(trades.count)"])
        // A rejected exit goes back through its machine (which asks for it again).
        if !rejected.isEmpty { try await apply(rejected) }
    }
}
