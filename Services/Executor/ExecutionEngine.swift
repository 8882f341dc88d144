import Foundation
import Logging
import Messages
import Metrics
import PostgresStore
import ServiceKit
import TradingCore

/// The executor's shell around the core: `OcoGroup` (stop, TP1, TP2), `ExitTracker` (the
/// exit rules) and an `OrderBroker` per mode: the simulated exchange (`PaperOrderBroker`)
/// in PAPER, Kite Connect (`KiteOrderBroker`) in LIVE. Every step asks the core what to
/// do, writes it to Postgres, then tells the broker and publishes. Steps run one at a
/// time (`serialized`), so a tick burst can never interleave with a flatten half-way.
actor ExecutionEngine {
    let context: ServiceKitContext
    let settings: ExecutorSettings
    /// The paper exchange (every PAPER order); nothing in it leaves the process.
    let paper: PaperOrderBroker
    /// Kite, when credentials are configured; used only for LIVE groups.
    let live: KiteOrderBroker?
    /// What each broker has reported per order, so postbacks and polls book only what is new.
    var orderUpdates = OrderUpdateTracker()
    var groups: [UUID: LiveGroup] = [:]
    /// client order id → group, for routing broker events.
    var orderIndex: [String: UUID] = [:]
    var lastQuote: [String: Quote] = [:]
    var lastQuoteAt: [String: Date] = [:]
    var lastAtr: [String: Double] = [:]
    /// Market time (the last tick's exchange timestamp) per symbol: the exit rules run on it,
    /// so a replay or the simulator's session time square off at 15:25 of *their* day.
    var marketTime: [String: Date] = [:]
    var mode: TradingMode = .paper
    /// Groups this process closed; a concurrent restore must not bring them back.
    var recentlyClosed: Set<UUID> = []
    /// A flatten that could not complete (e.g. Postgres down); retried until it does.
    var pendingFlatten: String?
    /// The flatten running now; a second request joins it.
    var flattenInFlight: Task<FlattenReport, any Error>?
    /// Entries are refused while a flatten runs.
    var entriesBlocked = false
    var restored = false
    var rateLimiter: TokenBucket
    var retryJitter = SeededGenerator(seed: 17)
    /// When LIVE positions were last compared with Kite's, and the differences already reported.
    var positionsCheckedAt: Date?
    var reportedDiscrepancies: Set<PositionDiscrepancy> = []
    private var tail: Task<Void, Never>?

    init(context: ServiceKitContext, settings: ExecutorSettings, live: KiteOrderBroker? = nil) {
        self.context = context
        self.settings = settings
        self.paper = PaperOrderBroker(config: settings.broker)
        self.live = live
        self.rateLimiter = TokenBucket(capacity: max(1, Int(settings.ordersPerSecond)), refillPerSecond: settings.ordersPerSecond)
        self.retryJitter = SeededGenerator(seed: settings.retrySeed)
    }

    /// The broker of a mode: paper for PAPER, Kite for LIVE (nil when not configured).
    func broker(for mode: TradingMode) -> (any OrderBroker)? {
        mode == .paper ? paper : live
    }

    var logger: Logger { context.logger }

    /// Runs `body` after every step queued before it has finished.
    func serialized<T: Sendable>(_ body: @escaping @Sendable (isolated ExecutionEngine) async throws -> T) async throws -> T {
        let previous = tail
        let task = Task<T, any Error> {
            _ = await previous?.value
            return try await body(self)
        }
        tail = Task { _ = try? await task.value }
        return try await task.value
    }

    func setMode(_ raw: String?) {
        guard let raw, let newMode = TradingMode(rawValue: raw) else { return }
        mode = newMode
        logger.notice("executor mode changed", metadata: ["mode": "\(newMode.rawValue)"])
    }

    // MARK: Entries

    func onApprovedDecision(_ decision: DecisionPayload, trace: String, publishedAt: Date?) async throws {
        try await serialized { engine in
            try await engine.executeDecision(decision, trace: trace, publishedAt: publishedAt)
        }
    }

    /// Places the entry of an approved decision — once: the entry's client order id is
    /// unique in Postgres, so a replayed decision inserts nothing and places nothing.
    func executeDecision(_ decision: DecisionPayload, trace: String, publishedAt: Date?) async throws {
        guard decision.approved, decision.quantity > 0, let side = Side(rawValue: decision.side) else { return }
        guard broker(for: mode) != nil else {
            await raiseRisk(kind: "live_broker_unavailable", severity: "CRITICAL",
                            message: "LIVE order for \(decision.clientPlanId) not sent: no live broker is connected", trace: trace)
            return
        }
        if entriesBlocked || pendingFlatten != nil {
            logger.warning("entry refused: a flatten is running or pending", metadata: ["trace": "\(trace)"])
            return
        }
        let plan = settings.exits.plan(side: side, quantity: decision.quantity, lotSize: max(1, decision.lotSize),
                                       entry: Paise(decision.entryPaise), stop: Paise(decision.stopPaise), tickSize: settings.tickSize)
        let groupId = UUID()
        var group = LiveGroup(id: groupId, oco: OcoGroup(plan: plan), planId: decision.clientPlanId, decisionId: decision.decisionId,
                              trace: trace, mode: mode, symbol: decision.symbol)
        let slices = FreezeSlicer.slices(quantity: decision.quantity, freezeQuantity: settings.broker.freezeQuantities[decision.symbol],
                                         lotSize: plan.lotSize)
        let entries = slices.enumerated().map { index, quantity in
            OrderRecord(clientOrderId: ClientIds.order(plan: decision.clientPlanId, leg: .entry, slice: index + 1),
                        decisionId: decision.decisionId, ocoGroup: groupId, leg: .entry, trace: trace, mode: mode,
                        symbol: decision.symbol, side: side, orderType: OrderType.market.rawValue, quantity: quantity,
                        price: nil, triggerPrice: nil, status: "OPEN")
        }
        let inserted = try await context.database.transaction { db in
            // The desk may have been paused (kill switch) after risk-gate approved: no new exposure.
            if try SystemStateRepository.get("paused", on: db) == "true" { throw ExecutorError.pausedAtEntry }
            guard let first = entries.first, try OrderRepository.insert(first, on: db) else { return false }
            for slice in entries.dropFirst() { _ = try OrderRepository.insert(slice, on: db) }
            return true
        }
        guard inserted else {
            logger.info("decision already executed", metadata: ["trace": "\(trace)", "decision.plan": "\(decision.clientPlanId)"])
            return
        }
        group.orders[.entry] = entries
        group.generations[.entry] = 1
        groups[groupId] = group
        for entry in entries {
            orderIndex[entry.clientOrderId] = groupId
            await publishOrder(entry, status: "OPEN", type: .orderPlaced)
        }
        var events: [BrokerEvent] = []
        for entry in entries {
            events.append(await submit(OrderRequest(clientOrderId: entry.clientOrderId, symbol: entry.symbol, side: side, type: .market,
                                                    quantity: entry.quantity, ocoTag: groupId.uuidString, opensPosition: true,
                                                    lotSize: plan.lotSize), mode: group.mode))
        }
        if let publishedAt {
            let seconds = context.clock.now().timeIntervalSince(publishedAt)
            Timer(label: "aitrapp_decision_to_order_seconds").recordNanoseconds(Int64(max(0, seconds) * 1e9))
        }
        Counter(label: "aitrapp_orders_total", dimensions: [("leg", "ENTRY")]).increment()
        logger.info("entry placed", metadata: ["trace": "\(trace)", "decision.plan": "\(decision.clientPlanId)",
                                               "order.quantity": "\(decision.quantity)", "order.slices": "\(entries.count)"])
        try await apply(events)
    }

    /// Sends one order to the mode's broker, at most `orders_per_second` (every placement,
    /// every leg, every slice), retrying transient failures with exponential backoff and
    /// seeded jitter (`executor.retry.*`). A final failure, or a transient one that outlasts
    /// the attempts, comes back as a rejection for the OCO machine.
    func submit(_ request: OrderRequest, mode: TradingMode) async -> BrokerEvent {
        let now = context.clock.now()
        guard let broker = broker(for: mode) else {
            return .rejected(clientOrderId: request.clientOrderId, reason: .invalidOrder, at: now)
        }
        var attempt = 0
        while true {
            attempt += 1
            let wait = rateLimiter.take(at: Date())
            if wait > 0 { try? await Task.sleep(for: .milliseconds(Int((wait * 1000).rounded(.up)))) }
            do {
                let event = try await broker.place(request, at: context.clock.now())
                if case .accepted = event {
                    orderUpdates.track(request.clientOrderId, quantity: request.quantity)
                    if mode == .live, let kiteId = live?.kiteOrderId(for: request.clientOrderId) {
                        await recordBrokerOrderId(kiteId, clientOrderId: request.clientOrderId)
                    }
                }
                if attempt > 1 { Counter(label: "aitrapp_order_retries_succeeded_total").increment() }
                return event
            } catch {
                let retry = settings.retry.shouldRetry(error, afterAttempt: attempt)
                Counter(label: "aitrapp_broker_errors_total", dimensions: [("broker", broker.name), ("transient", "\(error.isTransient)")]).increment()
                logger.warning("order placement failed", metadata: ["order.client_id": "\(request.clientOrderId)", "broker.attempt": "\(attempt)",
                                                                    "broker.transient": "\(error.isTransient)", "broker.retry": "\(retry)",
                                                                    "error": "\(error)"])
                guard retry else {
                    return .rejected(clientOrderId: request.clientOrderId, reason: error.rejection ?? .invalidOrder, at: context.clock.now())
                }
                let delay = settings.retry.delayMilliseconds(afterAttempt: attempt, using: &retryJitter)
                try? await Task.sleep(for: .milliseconds(delay))
            }
        }
    }

    /// Kite's order id on the order row (`orders.broker_order_id`), for operators and support;
    /// best effort: the tag links the two anyway.
    func recordBrokerOrderId(_ brokerOrderId: String, clientOrderId: String) async {
        do {
            try await context.database.withConnection { db in
                try db.query("UPDATE orders SET broker_order_id = $2, updated_at = now() WHERE client_order_id = $1",
                             [clientOrderId, brokerOrderId])
            }
        } catch {
            logger.warning("broker order id not recorded", metadata: ["order.client_id": "\(clientOrderId)", "error": "\(error)"])
        }
    }

    // MARK: Market data

    func onTick(_ tick: TickPayload) async throws {
        try await serialized { engine in try await engine.processTick(tick) }
    }

    func processTick(_ tick: TickPayload) async throws {
        let quote = Quote(last: Paise(tick.lastPricePaise), bid: tick.bidPaise.map(Paise.init), ask: tick.askPaise.map(Paise.init))
        guard quote.last > .zero else { return }
        let now = context.clock.now()
        lastQuote[tick.symbol] = quote
        lastQuoteAt[tick.symbol] = now
        marketTime[tick.symbol] = tick.exchangeTs
        // The exit rules see the price first (excursions, trail, exits); an exit they ask
        // for is a market order that fills on this same quote.
        try await evaluateExits(symbol: tick.symbol, price: quote.last, at: tick.exchangeTs)
        try await apply(await paper.onQuote(tick.symbol, quote, at: now))
    }

    func onBar(_ bar: BarPayload) {
        if let atr = bar.indicators.first(where: { $0.key.hasPrefix("atr_") })?.value, atr > 0 { lastAtr[bar.symbol] = atr }
    }

    /// The exit rules of every open group on `symbol` at `price`.
    func evaluateExits(symbol: String, price: Paise, at now: Date) async throws {
        for id in groups.keys.sorted(by: { $0.uuidString < $1.uuidString }) {
            guard var group = groups[id], group.symbol == symbol, group.oco.isOpen, var tracker = group.tracker else { continue }
            let signal = tracker.observe(price: price, atr: lastAtr[symbol], at: now)
            group.tracker = tracker
            groups[id] = group
            guard let signal else { continue }
            do {
                try await handle(signal.ocoEvent, groupId: id)
            } catch {
                logger.error("exit rule not carried out, will retry on the next tick",
                             metadata: ["trace": "\(group.trace)", "group.id": "\(id)", "error": "\(error)"])
            }
        }
    }

    /// The backstop for lost order updates: every broker's order book, fed to the same
    /// order-update path as the postbacks. The paper exchange always (in-process, its
    /// reports match what was booked, so normally nothing changes); Kite only while LIVE
    /// or while LIVE groups are open — in PAPER nothing talks to Kite.
    func pollBrokers() async {
        var brokers: [any OrderBroker] = [paper]
        if let live, mode == .live || groups.values.contains(where: { $0.mode == .live }) { brokers.append(live) }
        for broker in brokers {
            do {
                let updates = try await broker.orderUpdates(at: context.clock.now())
                Counter(label: "aitrapp_broker_polls_total", dimensions: [("broker", broker.name)]).increment()
                try await onBrokerUpdates(updates, source: "poll")
                if broker.name == "kite" { await reconcileLivePositionsIfDue() }
            } catch {
                logger.warning("broker poll failed", metadata: ["broker.name": "\(broker.name)", "error": "\(error)"])
            }
        }
    }

    /// Market orders waiting for a tick on a quiet symbol fill against the last known quote
    /// once it is `staleQuoteMilliseconds` old (or at once when `force`).
    func pulse(force: Bool = false) async {
        do {
            try await serialized { engine in try await engine.fillStaleMarketOrders(force: force) }
        } catch {
            logger.warning("stale-quote fill failed", metadata: ["error": "\(error)"])
        }
    }

    func fillStaleMarketOrders(force: Bool) async throws {
        let now = context.clock.now()
        let symbols = await paper.workingMarketSymbols()
        for symbol in symbols.sorted() {
            if !force, let at = lastQuoteAt[symbol], now.timeIntervalSince(at) * 1000 < Double(settings.staleQuoteMilliseconds) { continue }
            guard let quote = await referenceQuote(symbol) else { continue }
            lastQuoteAt[symbol] = now
            try await apply(await paper.onQuote(symbol, quote, at: now))
        }
    }

    /// The last quote seen, else the last bar close marketdata left in Redis.
    func referenceQuote(_ symbol: String) async -> Quote? {
        if let quote = lastQuote[symbol] { return quote }
        if let text = try? await context.redis.get(Channel.Key.lastPrice(symbol)), let paise = Int64(text), paise > 0 {
            let quote = Quote(last: Paise(paise))
            lastQuote[symbol] = quote
            return quote
        }
        return nil
    }
}
