import Foundation
import Messages
import Metrics
import PostgresStore
import ServiceKit
import TradingCore

/// Where `KiteTickerFeed` sends the client's events: frames become tick batches for the
/// publisher, a reported silence becomes a `feed.silent` risk event (a `risk_events` row,
/// then `risk.event` on `risk`).
actor KiteTickSink {
    private var converter: KiteTickConverter
    private var options: KiteOptionBook?
    /// The last price of each underlying with options, for the chain's spot.
    private var spots: [String: Paise] = [:]
    private var lastTickAt: Date?
    private let publisher: MarketPublisher
    private let context: ServiceKitContext
    private var unmappedSeen = 0
    private let unmapped = Counter(label: "aitrapp_kite_unmapped_ticks_total")

    init(converter: KiteTickConverter, options: KiteOptionBook?, publisher: MarketPublisher, context: ServiceKitContext) {
        self.converter = converter
        self.options = options
        self.publisher = publisher
        self.context = context
    }

    /// Each underlying's chain around the money from the latest option quotes.
    func chainInputs(strikesEachSide: Int) -> [ChainInput] {
        guard let options, let asOf = lastTickAt else { return [] }
        return options.expiries.keys.sorted().compactMap { underlying in
            guard let spot = spots[underlying], let day = options.expiries[underlying],
                  let expiry = Timestamp.parse(day + "T15:30:00+05:30") else { return nil }
            return ChainInput(underlying: underlying, spot: spot, expiry: expiry, asOf: asOf,
                              quotes: options.quotes(for: underlying, spot: spot, strikesEachSide: strikesEachSide))
        }
    }

    func handle(_ event: KiteTickerEvent) async {
        switch event {
        case let .frame(frame, receivedAt):
            let underlyingTicks = options?.record(frame.ticks) ?? frame.ticks
            let ticks = converter.convert(underlyingTicks, receivedAt: receivedAt)
            lastTickAt = receivedAt
            if let expiries = options?.expiries {
                for tick in ticks where expiries[tick.symbol] != nil { spots[tick.symbol] = tick.lastPrice }
            }
            if converter.unmappedTokens > unmappedSeen {
                unmapped.increment(by: converter.unmappedTokens - unmappedSeen)
                unmappedSeen = converter.unmappedTokens
            }
            if !ticks.isEmpty { await publisher.publish(ticks: ticks) }
        case let .silent(seconds, consecutive, report):
            guard report else { return }
            let payload = RiskEventPayload(kind: "feed.silent", severity: "WARNING",
                                           message: "kite ticker: no tick for \(seconds) s during market hours; reconnecting (silence \(consecutive))")
            let trace = TraceID.make()
            context.logger.warning("risk event", metadata: ["trace": "\(trace)", "risk.kind": "\(payload.kind)",
                                                            "risk.silent_seconds": "\(seconds)"])
            // Recorded first (best effort: a silent feed must not wait on Postgres), then published.
            _ = try? await context.database.withConnection { db in
                try RiskEventRepository.insert(kind: payload.kind, severity: payload.severity, message: payload.message,
                                               trace: trace, on: db)
            }
            await context.bus.publish(.riskEvent, on: Channel.risk, trace: trace, mode: .paper, payload: payload)
        case .connected, .heartbeat, .text, .disconnected:
            break
        }
    }
}
