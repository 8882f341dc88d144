import Foundation
import Logging
import Messages
import Metrics
import PostgresStore
import ServiceKit
import TradingCore

/// The executor's shell around the core's `OcoGroup` and `PaperFillModel`. Each step
/// asks the core what to do, writes every row of it in one transaction, and only then
/// updates memory and publishes. A failed write leaves memory unchanged, so the next
/// tick or command retries it.
actor ExecutionEngine {
    let context: ServiceKitContext
    let settings: ExecutorSettings
    var groups: [UUID: OpenGroup] = [:]
    var lastPrice: [String: Paise] = [:]
    var mode: TradingMode = .paper
    /// Groups this process closed; a concurrent restore must not bring them back.
    var recentlyClosed: Set<UUID> = []
    /// The restore running now, if any (restores never overlap).
    var restoreInFlight: Task<Void, any Error>?
    /// A flatten that could not complete (e.g. Postgres down); retried until it does.
    var pendingFlatten: String?

    init(context: ServiceKitContext, settings: ExecutorSettings) {
        self.context = context
        self.settings = settings
    }

    var logger: Logger { context.logger }

    func setMode(_ raw: String?) {
        guard let raw, let newMode = TradingMode(rawValue: raw) else { return }
        mode = newMode
        logger.notice("executor mode changed", metadata: ["mode": "\(newMode.rawValue)"])
    }

    // MARK: Entries

    func onApprovedDecision(_ decision: DecisionPayload, trace: String) async throws {
        guard decision.approved, decision.quantity > 0, let side = Side(rawValue: decision.side) else { return }
        guard mode == .paper else {
            await raiseRisk(kind: "live_broker_unavailable", severity: "CRITICAL",
                            message: "LIVE order for \(decision.clientPlanId) not sent: no live broker is connected", trace: trace)
            return
        }
        let now = context.clock.now()
        let last = lastPrice[decision.symbol] ?? Paise(decision.entryPaise)
        let price = settings.fillModel.marketFillPrice(side: side, lastPrice: last)
        var oco = OcoGroup(side: side, stop: Paise(decision.stopPaise), target: Paise(decision.targetPaise))
        let actions = oco.handle(.entryFilled(quantity: decision.quantity, price: price))
        let groupId = UUID()
        let entry = OrderRecord(clientOrderId: ClientIds.order(plan: decision.clientPlanId, leg: .entry),
                                decisionId: decision.decisionId, ocoGroup: groupId, leg: .entry, trace: trace, mode: mode,
                                symbol: decision.symbol, side: side, orderType: "MARKET", quantity: decision.quantity,
                                price: nil, triggerPrice: nil, status: "OPEN")
        let position = PositionRecord(decisionId: decision.decisionId, ocoGroup: groupId, trace: trace, mode: mode,
                                      symbol: decision.symbol, side: side, quantity: decision.quantity, entryPrice: price,
                                      stopPrice: oco.stop, targetPrice: oco.target, openedAt: now)
        let children = actions.compactMap { childOrder(for: $0, of: position, plan: decision.clientPlanId) }
        let fillId = UUID()
        let fees = settings.brokeragePerOrder
        if let pending = pendingFlatten {
            logger.warning("entry refused: a flatten is pending", metadata: ["trace": "\(trace)", "flatten.trace": "\(pending)"])
            return
        }
        let inserted = try await context.database.transaction { db in
            // The desk may have been paused (kill switch) after risk-gate approved: no new exposure.
            if try SystemStateRepository.get("paused", on: db) == "true" { throw ExecutorError.pausedAtEntry }
            guard try OrderRepository.insert(entry, on: db) else { return false }
            _ = try OrderRepository.markFilled(id: entry.id, quantity: entry.quantity, averagePrice: price, on: db)
            try FillRepository.insert(id: fillId, orderId: entry.id, trace: trace, quantity: entry.quantity, price: price,
                                      fees: fees, filledAt: now, on: db)
            try PositionRepository.insert(position, on: db)
            for child in children { _ = try OrderRepository.insert(child, on: db) }
            return true
        }
        guard inserted else {
            // A replay, or a commit whose reply was lost: make sure Postgres' position is watched.
            logger.info("decision already executed", metadata: ["trace": "\(trace)", "decision.plan": "\(decision.clientPlanId)"])
            try await restore()
            return
        }
        groups[groupId] = OpenGroup(oco: oco, position: position, planId: decision.clientPlanId,
                                    children: Dictionary(uniqueKeysWithValues: children.map { ($0.leg, $0) }))
        Counter(label: "aitrapp_orders_total", dimensions: [("leg", "ENTRY")]).increment()
        logger.info("entry filled", metadata: ["trace": "\(trace)", "position.id": "\(position.id)",
                                               "fill.price": "\(price.rupeeString)", "position.quantity": "\(position.quantity)"])
        let bus = context.bus
        await publishOrder(entry, status: "OPEN", type: .orderPlaced)
        await bus.publish(.fillCreated, on: Channel.fills, trace: trace, mode: mode, payload: FillPayload(
            fillId: fillId, orderId: entry.id, clientOrderId: entry.clientOrderId, leg: OcoLeg.entry.rawValue,
            symbol: entry.symbol, side: side.rawValue, quantity: entry.quantity, pricePaise: price.value,
            feesPaise: fees.value, filledAt: now))
        await publishOrder(entry, status: "FILLED", type: .orderFilled)
        await publishPosition(position, status: "OPEN", reason: nil)
        for child in children { await publishOrder(child, status: "OPEN", type: .orderPlaced) }
    }

    /// The order row an OCO placement action asks for.
    func childOrder(for action: OcoAction, of position: PositionRecord, plan: String) -> OrderRecord? {
        switch action {
        case .placeStop(let quantity, let trigger):
            return OrderRecord(clientOrderId: ClientIds.order(plan: plan, leg: .stop), decisionId: position.decisionId,
                               ocoGroup: position.ocoGroup, leg: .stop, trace: position.trace, mode: position.mode,
                               symbol: position.symbol, side: position.side.opposite, orderType: "SL-M", quantity: quantity,
                               price: nil, triggerPrice: trigger, status: "OPEN")
        case .placeTarget(let quantity, let price):
            return OrderRecord(clientOrderId: ClientIds.order(plan: plan, leg: .target), decisionId: position.decisionId,
                               ocoGroup: position.ocoGroup, leg: .target, trace: position.trace, mode: position.mode,
                               symbol: position.symbol, side: position.side.opposite, orderType: "LIMIT", quantity: quantity,
                               price: price, triggerPrice: nil, status: "OPEN")
        case .placeExit(let quantity, _):
            return OrderRecord(clientOrderId: ClientIds.order(plan: plan, leg: .exit), decisionId: position.decisionId,
                               ocoGroup: position.ocoGroup, leg: .exit, trace: position.trace, mode: position.mode,
                               symbol: position.symbol, side: position.side.opposite, orderType: "MARKET", quantity: quantity,
                               price: nil, triggerPrice: nil, status: "OPEN")
        case .cancel, .closePosition:
            return nil
        }
    }

    // MARK: Publishing

    func publishOrder(_ order: OrderRecord, status: String, type: MessageType) async {
        await context.bus.publish(type, on: Channel.orders, trace: order.trace, mode: order.mode, payload: OrderPayload(
            orderId: order.id, clientOrderId: order.clientOrderId, decisionId: order.decisionId, ocoGroup: order.ocoGroup,
            leg: order.leg.rawValue, symbol: order.symbol, side: order.side.rawValue, orderType: order.orderType,
            quantity: order.quantity, pricePaise: order.price?.value, triggerPaise: order.triggerPrice?.value, status: status))
    }

    func publishPosition(_ position: PositionRecord, status: String, reason: ExitReason?) async {
        await context.bus.publish(status == "OPEN" ? .positionOpened : .positionClosed, on: Channel.positions,
                                  trace: position.trace, mode: position.mode, payload: PositionPayload(
            positionId: position.id, decisionId: position.decisionId, symbol: position.symbol, side: position.side.rawValue,
            quantity: position.quantity, entryPricePaise: position.entryPrice.value, stopPaise: position.stopPrice.value,
            targetPaise: position.targetPrice.value, status: status, exitReason: reason?.rawValue))
    }

    func raiseRisk(kind: String, severity: String, message: String, trace: String?) async {
        logger.critical("risk event", metadata: ["trace": "\(trace ?? "")", "risk.kind": "\(kind)", "risk.message": "\(message)"])
        _ = try? await context.database.withConnection { db in
            try RiskEventRepository.insert(kind: kind, severity: severity, message: message, trace: trace, on: db)
        }
        await context.bus.publish(.riskEvent, on: Channel.risk, trace: trace ?? TraceID.make(), mode: mode,
                                  payload: RiskEventPayload(kind: kind, severity: severity, message: message))
    }
}
