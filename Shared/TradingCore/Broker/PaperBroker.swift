import Foundation

/// A simulated exchange, as a value type: orders go in with `place`, market data with
/// `onQuote` / `onBar`, and every acceptance, rejection and (partial) fill comes back as
/// a `BrokerEvent`. Market orders fill at the next quote's bid/ask plus a spread- and
/// size-based slippage (never at or below zero), LIMITs when touched (with a fill
/// probability), SL-Ms when triggered. Within one bar that reaches both the stop and a
/// target of the same OCO group, the stop fills and the target does not.
public struct PaperBroker: Sendable {
    public struct WorkingOrder: Hashable, Sendable {
        public var request: OrderRequest
        public var remaining: Int
        public var liveAt: Date
        public var triggered: Bool
    }

    public let config: PaperBrokerConfig
    public private(set) var orders: [String: WorkingOrder] = [:]
    public private(set) var lastQuote: [String: Quote] = [:]
    public private(set) var usedMargin: Paise = .zero
    /// Every client order id ever accepted or rejected (ids are never reused).
    private var seen: Set<String> = []
    private var generator: SeededGenerator
    /// Acceptance order, so fills come out in a stable sequence.
    private var sequence: [String] = []

    public init(config: PaperBrokerConfig) {
        self.config = config
        self.generator = SeededGenerator(seed: config.seed)
    }

    // MARK: Orders

    public mutating func place(_ request: OrderRequest, at now: Date) -> BrokerEvent {
        guard !seen.contains(request.clientOrderId) else {
            return .rejected(clientOrderId: request.clientOrderId, reason: .duplicateOrder, at: now)
        }
        seen.insert(request.clientOrderId)
        if let reason = rejection(for: request) {
            return .rejected(clientOrderId: request.clientOrderId, reason: reason, at: now)
        }
        if request.opensPosition, let last = lastQuote[request.symbol]?.last {
            usedMargin += margin(for: request.quantity, at: last)
        }
        let liveAt = now.addingTimeInterval(Double(config.latencyMilliseconds) / 1000)
        orders[request.clientOrderId] = WorkingOrder(request: request, remaining: request.quantity, liveAt: liveAt,
                                                     triggered: request.type != .stopMarket)
        sequence.append(request.clientOrderId)
        return .accepted(clientOrderId: request.clientOrderId, at: now)
    }

    public mutating func cancel(_ clientOrderId: String, at now: Date) -> BrokerEvent? {
        guard let order = orders.removeValue(forKey: clientOrderId) else { return nil }
        sequence.removeAll { $0 == clientOrderId }
        return .cancelled(clientOrderId: clientOrderId, remaining: order.remaining, at: now)
    }

    /// Changes what is left to fill, the LIMIT price or the SL-M trigger of a working order.
    public mutating func modify(_ clientOrderId: String, remaining: Int? = nil, price: Paise? = nil, trigger: Paise? = nil,
                                at now: Date) -> BrokerEvent? {
        guard var order = orders[clientOrderId] else { return nil }
        if let remaining {
            guard remaining > 0 else { return cancel(clientOrderId, at: now) }
            order.remaining = remaining
        }
        if let price { order.request.price = price }
        if let trigger { order.request.trigger = trigger }
        orders[clientOrderId] = order
        return .modified(clientOrderId: clientOrderId, at: now)
    }

    private func rejection(for request: OrderRequest) -> OrderRejection? {
        guard request.quantity > 0 else { return .invalidOrder }
        if let freeze = config.freezeQuantities[request.symbol], request.quantity > freeze { return .freezeQuantityExceeded }
        switch request.type {
        case .market: break
        case .limit: guard let price = request.price, price > .zero else { return .invalidOrder }
        case .stopMarket: guard let trigger = request.trigger, trigger > .zero else { return .invalidOrder }
        }
        if let last = lastQuote[request.symbol]?.last {
            let band = Double(last.value) * config.priceBandFraction
            for level in [request.price, request.trigger].compactMap({ $0 }) where abs(Double((level - last).value)) > band {
                return .priceOutsideBand
            }
            if request.opensPosition && usedMargin + margin(for: request.quantity, at: last) > config.availableMargin {
                return .insufficientMargin
            }
        }
        return nil
    }

    private func margin(for quantity: Int, at price: Paise) -> Paise {
        Paise(Int64((Double(price.value) * Double(quantity) * config.marginFraction).rounded(.up)))
    }

    // MARK: Market data

    /// A new quote: working orders of `symbol` that are live fill as the book allows.
    public mutating func onQuote(_ symbol: String, _ quote: Quote, at now: Date) -> [BrokerEvent] {
        guard quote.last > .zero else { return [] }
        lastQuote[symbol] = quote
        return match(symbol, high: quote.last, low: quote.last, quote: quote, at: now)
    }

    /// A bar: every order the range from `low` to `high` reaches fills (stops first;
    /// a stop's OCO siblings do not fill in the same bar). Market orders fill at `close`.
    public mutating func onBar(_ symbol: String, high: Paise, low: Paise, close: Paise, at now: Date) -> [BrokerEvent] {
        guard close > .zero, high >= low else { return [] }
        let quote = Quote(last: close)
        lastQuote[symbol] = quote
        return match(symbol, high: high, low: low, quote: quote, at: now)
    }

    private mutating func match(_ symbol: String, high: Paise, low: Paise, quote: Quote, at now: Date) -> [BrokerEvent] {
        var events: [BrokerEvent] = []
        var stoppedTags: Set<String> = []
        let ids = sequence.filter { orders[$0]?.request.symbol == symbol }
        // Stops first, so a range that reaches a stop and a target of one group fills the stop.
        let ordered = ids.filter { orders[$0]?.request.type == .stopMarket } + ids.filter { orders[$0]?.request.type != .stopMarket }
        for id in ordered {
            guard var order = orders[id], order.liveAt <= now else { continue }
            let request = order.request
            if let tag = request.ocoTag, stoppedTags.contains(tag), request.type != .stopMarket { continue }
            let price: Paise?
            switch request.type {
            case .market:
                price = marketPrice(request, quote: quote)
            case .stopMarket:
                if !order.triggered, let trigger = request.trigger {
                    order.triggered = request.side == .sell ? low <= trigger : high >= trigger
                }
                // A gap through the trigger fills at the market, not at the trigger.
                price = order.triggered ? marketPrice(request, quote: Quote(last: request.side == .sell ? min(low, quote.last) : max(high, quote.last),
                                                                           bid: quote.bid, ask: quote.ask)) : nil
            case .limit:
                guard let limit = request.price else { price = nil; break }
                let touched = request.side == .sell ? max(high, quote.bid ?? high) >= limit : min(low, quote.ask ?? low) <= limit
                price = touched && draw() < config.limitFillProbability ? limit : nil
            }
            guard let price else { orders[id] = order; continue }
            if request.type == .stopMarket, let tag = request.ocoTag { stoppedTags.insert(tag) }
            var quantity = order.remaining
            if order.remaining == request.quantity, config.partialFillProbability > 0, draw() < config.partialFillProbability {
                let lots = Int((Double(order.remaining / request.lotSize) * config.partialFillFraction).rounded(.down))
                if lots >= 1 { quantity = lots * request.lotSize }
            }
            order.remaining -= quantity
            if order.remaining == 0 {
                orders[id] = nil
                sequence.removeAll { $0 == id }
            } else {
                orders[id] = order
            }
            events.append(.filled(clientOrderId: id, quantity: quantity, price: price, remaining: order.remaining, at: now))
        }
        return events
    }

    /// The touch on the order's side plus the spread- and size-based slippage, on the tick grid, never ≤ 0.
    public func marketPrice(_ request: OrderRequest, quote: Quote) -> Paise {
        let touch = quote.touch(for: request.side)
        let spreadCost = Double(quote.spread.value) * config.spreadSlippageFraction
        let impact = Double(touch.value) * config.impactBpsPerThousandUnits / 10_000 * Double(request.quantity) / 1000
        let slipped = Double(touch.value) + Double(request.side.sign) * (spreadCost + impact)
        let tick = max(config.tickSize.value, 1)
        // Round against the trader: up for a buy, down for a sell.
        let ticks = request.side == .buy ? (slipped / Double(tick)).rounded(.up) : (slipped / Double(tick)).rounded(.down)
        return Paise(max(tick, Int64(ticks) * tick))
    }

    private mutating func draw() -> Double {
        Double.random(in: 0..<1, using: &generator)
    }
}
