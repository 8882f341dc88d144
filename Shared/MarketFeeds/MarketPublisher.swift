import Foundation
import Logging
import Messages
import Metrics
import ServiceKit
import TradingCore

/// Turns ticks into published ticks and bars (with their indicator snapshot).
///
/// A batch of ticks (one feed step, one Kite frame) goes out in one pipelined round trip
/// together with every bar those ticks closed, so the rate is bounded by Redis, not by
/// round trips. Ticks with a price ≤ 0 are dropped, counted and logged, never absorbed
/// into a bar. Bars are built per configured timeframe and follow `BarAggregator`'s
/// policy (aligned to 09:15 IST, no empty bars, late ticks counted and dropped). Every bar
/// published is also offered to `barQueue` (never waits) for `BarWriter` to store.
public actor MarketPublisher {
    private struct SeriesKey: Hashable {
        let timeframe: Timeframe
        let symbol: String
    }

    private let context: ServiceKitContext
    private let settings: MarketdataSettings
    private let writer: MarketEnvelopeWriter
    /// Where every published bar is offered for the `bars` table (nil: not persisted).
    private let barQueue: BarPersistQueue?
    private var ids = MessageIDGenerator()
    private let graceSeconds: Double
    private var aggregators: [SeriesKey: BarAggregator] = [:]
    private var indicators: [SeriesKey: IndicatorSet] = [:]
    private var tickChannels: [String: String] = [:]
    private let lateTicks = Counter(label: "aitrapp_md_late_ticks_total")
    private let outOfOrderTicks = Counter(label: "aitrapp_md_out_of_order_ticks_total")
    private let invalidTicks = Counter(label: "aitrapp_md_invalid_ticks_total")
    /// `md:last:<SYMBOL>` values set with the next batch.
    private var lastCloses: [String: String] = [:]
    /// The last tick batch queued and not yet confirmed.
    private var inFlight: PendingPublish?
    public private(set) var ticksPublished = 0
    public private(set) var barsPublished = 0

    public init(context: ServiceKitContext, settings: MarketdataSettings, barQueue: BarPersistQueue? = nil) {
        self.context = context
        self.settings = settings
        self.barQueue = barQueue
        self.writer = MarketEnvelopeWriter(source: context.bus.source)
        self.graceSeconds = Double(settings.barGraceMilliseconds) / 1000
    }

    /// Publishes the ticks and the bars they close in one round trip; false when Redis failed.
    @discardableResult
    public func publish(ticks: [Tick]) async -> Bool {
        var batch: [OutgoingMessage] = []
        batch.reserveCapacity(ticks.count + 4)
        let tsText = Timestamp.format(context.clock.now())
        for tick in ticks {
            guard tick.lastPrice > .zero else {
                invalidTicks.increment()
                context.logger.warning("tick with a non-positive price dropped", metadata: [
                    "tick.symbol": "\(tick.symbol)", "tick.price_paise": "\(tick.lastPrice.value)", "tick.ts": "\(Timestamp.format(tick.timestamp))"])
                continue
            }
            let id = ids.next()
            let trace = TraceID.of(id)
            let payload = TickPayload(symbol: tick.symbol, exchangeTs: tick.timestamp, lastPricePaise: tick.lastPrice.value,
                                      volume: tick.volume, bidPaise: tick.bid?.value, askPaise: tick.ask?.value)
            batch.append(OutgoingMessage(channel: tickChannel(tick.symbol),
                                         text: writer.write(payload, id: id, tsText: tsText, trace: trace, mode: .paper)))
            for timeframe in settings.timeframes {
                let key = SeriesKey(timeframe: timeframe, symbol: tick.symbol)
                let (closed, late, outOfOrder) = Self.add(tick, to: &aggregators[key, default: BarAggregator(
                    symbol: tick.symbol, timeframe: timeframe, graceSeconds: graceSeconds)])
                if late > 0 { lateTicks.increment(by: late) }
                if outOfOrder > 0 { outOfOrderTicks.increment(by: outOfOrder) }
                if let closed { append(bar: closed, timeframe: timeframe, trace: trace, to: &batch) }
            }
        }
        // Queue this batch before waiting for the previous one, so the next batch is built
        // while this one is on the wire; batches still reach Redis in order. The result
        // returned is the previous batch's (false: Redis failed; logged and counted).
        let previous = inFlight
        inFlight = submit(batch)
        let sent = await previous?.completed() ?? true
        ticksPublished += ticks.count
        return sent
    }

    /// Waits until every batch submitted so far has been answered by Redis.
    @discardableResult
    public func drain() async -> Bool {
        let last = inFlight
        inFlight = nil
        return await last?.completed() ?? true
    }

    /// Closes (and publishes) every bar whose interval plus grace has passed at `now`, so a
    /// quiet instrument's bar is not held until its next tick.
    public func flush(at now: Date) async {
        var batch: [OutgoingMessage] = []
        for (key, var aggregator) in aggregators {
            guard let bar = aggregator.flush(at: now) else { continue }
            aggregators[key] = aggregator
            append(bar: bar, timeframe: key.timeframe, trace: TraceID.make(), to: &batch)
        }
        guard !batch.isEmpty else { return }
        await send(batch)
    }

    /// Replayed bars of one step: for each, its closing tick then the bar, one trace per bar.
    public func publishReplayed(bars: [Bar], timeframe: Timeframe) async {
        var batch: [OutgoingMessage] = []
        let now = context.clock.now()
        for bar in bars {
            let id = ids.next()
            let trace = TraceID.of(id)
            let closeAt = bar.start.addingTimeInterval(Double(timeframe.seconds) - 1)
            let payload = TickPayload(symbol: bar.symbol, exchangeTs: closeAt, lastPricePaise: bar.close.value, volume: bar.volume)
            batch.append(OutgoingMessage(channel: Channel.tick(bar.symbol), text: writer.write(payload, id: id, ts: now, trace: trace, mode: .paper)))
            append(bar: bar, timeframe: timeframe, trace: trace, to: &batch)
        }
        await send(batch)
    }

    private func append(bar: Bar, timeframe: Timeframe, trace: String, to batch: inout [OutgoingMessage]) {
        let key = SeriesKey(timeframe: timeframe, symbol: bar.symbol)
        var set = indicators[key] ?? IndicatorSet(emaFast: settings.emaFast, emaSlow: settings.emaSlow, atr: settings.atrPeriod,
                                                  suite: IndicatorPeriods())
        let snapshot = set.update(with: bar)
        indicators[key] = set
        let payload = BarPayload(symbol: bar.symbol, timeframe: timeframe.label, start: bar.start, openPaise: bar.open.value,
                                 highPaise: bar.high.value, lowPaise: bar.low.value, closePaise: bar.close.value,
                                 volume: bar.volume, indicators: snapshot)
        let text = writer.write(payload, id: ids.next(), ts: context.clock.now(), trace: trace, mode: .paper)
        batch.append(OutgoingMessage(channel: Channel.bar(timeframe.label, bar.symbol), text: text))
        barsPublished += 1
        barQueue?.offer(bar, timeframeSeconds: timeframe.seconds)
        // The last close, for exits priced after a restart (the SET rides in the same pipeline).
        lastCloses[Channel.Key.lastPrice(bar.symbol)] = String(bar.close.value)
    }

    private func submit(_ batch: [OutgoingMessage]) -> PendingPublish {
        let keys = lastCloses
        lastCloses = [:]
        return context.bus.submit(batch: batch, settingKeys: keys, ttlSeconds: 6 * 3600)
    }

    /// Sends a batch after everything queued before it, and waits for it.
    @discardableResult
    private func send(_ batch: [OutgoingMessage]) async -> Bool {
        let previous = inFlight
        let pending = submit(batch)
        inFlight = nil
        _ = await previous?.completed()
        return await pending.completed()
    }

    /// Adds a tick in place; returns the bar it closed and how many late / out-of-order ticks it was.
    private static func add(_ tick: Tick, to aggregator: inout BarAggregator) -> (Bar?, Int, Int) {
        let late = aggregator.lateTicks, outOfOrder = aggregator.outOfOrderTicks
        let closed = aggregator.add(tick)
        return (closed, aggregator.lateTicks - late, aggregator.outOfOrderTicks - outOfOrder)
    }

    /// `md.tick.<SYMBOL>`, built once per symbol.
    private func tickChannel(_ symbol: String) -> String {
        if let channel = tickChannels[symbol] { return channel }
        let channel = Channel.tick(symbol)
        tickChannels[symbol] = channel
        return channel
    }
}
