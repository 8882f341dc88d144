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
    private let publisher: MarketPublisher
    private let context: ServiceKitContext
    private var unmappedSeen = 0
    private let unmapped = Counter(label: "aitrapp_kite_unmapped_ticks_total")

    init(converter: KiteTickConverter, publisher: MarketPublisher, context: ServiceKitContext) {
        self.converter = converter
        self.publisher = publisher
        self.context = context
    }

    func handle(_ event: KiteTickerEvent) async {
        switch event {
        case let .frame(frame, receivedAt):
            let ticks = converter.convert(frame.ticks, receivedAt: receivedAt)
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
