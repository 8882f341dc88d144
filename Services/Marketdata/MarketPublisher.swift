import Foundation
import Messages
import ServiceKit
import TradingCore

/// Turns ticks into published ticks and bars (with indicators), per symbol.
actor MarketPublisher {
    private let context: ServiceKitContext
    private let settings: MarketdataSettings
    private var aggregators: [String: BarAggregator] = [:]
    private var indicators: [String: IndicatorSet] = [:]

    init(context: ServiceKitContext, settings: MarketdataSettings) {
        self.context = context
        self.settings = settings
    }

    /// Publishes a tick and, if it closed a bar, the bar. The tick's trace travels with the bar.
    func publish(tick: Tick) async {
        let trace = TraceID.make()
        await context.bus.publish(.tick, on: Channel.tick(tick.symbol), trace: trace, mode: .paper, payload: TickPayload(
            symbol: tick.symbol, exchangeTs: tick.timestamp, lastPricePaise: tick.lastPrice.value, volume: tick.volume))
        var aggregator = aggregators[tick.symbol] ?? BarAggregator(symbol: tick.symbol, intervalSeconds: 60)
        let closed = aggregator.add(tick)
        aggregators[tick.symbol] = aggregator
        if let closed { await publish(bar: closed, trace: trace) }
    }

    /// Publishes a closed bar with the indicator snapshot after it.
    func publish(bar: Bar, trace: String) async {
        var set = indicators[bar.symbol] ?? IndicatorSet(emaFast: settings.emaFast, emaSlow: settings.emaSlow, atr: settings.atrPeriod,
                                                             suite: IndicatorPeriods())
        let snapshot = set.update(with: bar)
        indicators[bar.symbol] = set
        await context.bus.publish(.bar, on: Channel.bar("1m", bar.symbol), trace: trace, mode: .paper, payload: BarPayload(
            symbol: bar.symbol, timeframe: "1m", start: bar.start, openPaise: bar.open.value, highPaise: bar.high.value,
            lowPaise: bar.low.value, closePaise: bar.close.value, volume: bar.volume, indicators: snapshot))
        try? await context.redis.set(Channel.Key.lastPrice(bar.symbol), String(bar.close.value), ttlSeconds: 6 * 3600)
    }
}

extension MarketPublisher {
    /// A replayed bar: its closing tick then the bar, under one trace.
    func publishReplayed(tick: Tick, bar: Bar, trace: String) async {
        await context.bus.publish(.tick, on: Channel.tick(tick.symbol), trace: trace, mode: .paper, payload: TickPayload(
            symbol: tick.symbol, exchangeTs: tick.timestamp, lastPricePaise: tick.lastPrice.value, volume: tick.volume))
        await publish(bar: bar, trace: trace)
    }
}
