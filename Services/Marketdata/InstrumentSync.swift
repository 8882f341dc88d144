import Foundation
import Logging
import Messages
import PostgresStore
import ServiceKit
import TradingCore

/// Registers the configured symbols in `instruments` (the universe) and publishes
/// `md.instruments`; runs at start and on every `instruments.sync` job.
struct InstrumentSync: Sendable {
    let context: ServiceKitContext
    let settings: MarketdataSettings

    func sync(trace: String) async throws {
        let symbols = settings.publishedSymbols
        let lotSize = settings.lotSize, tickSize = settings.tickSize
        try await context.database.transaction { db in
            for symbol in symbols {
                // A stable synthetic token for configured symbols until the Kite dump is loaded.
                let token = Int64(bitPattern: SHA256.digest(Array(symbol.utf8)).prefix(8).reduce(0) { $0 << 8 | UInt64($1) }) & 0x7FFF_FFFF_FFFF
                try InstrumentRepository.upsert(token: token, exchange: "NSE", symbol: symbol, name: symbol, segment: "INDICES",
                                                instrumentType: "INDEX", tickSize: tickSize, lotSize: lotSize,
                                                inUniverse: true, on: db)
            }
        }
        await context.bus.publish(.instruments, on: Channel.instruments, trace: trace, mode: .paper,
                                  payload: InstrumentsPayload(count: symbols.count, symbols: symbols))
        context.logger.info("instruments synced", metadata: ["trace": "\(trace)", "instruments.count": "\(symbols.count)"])
    }

    /// At start: keep trying until Postgres answers, so the universe is known before trading.
    func syncWithRetry() async {
        var delay = Duration.milliseconds(200)
        while !Task.isCancelled {
            do {
                try await sync(trace: TraceID.make())
                return
            } catch {
                context.logger.warning("instrument sync failed, retrying", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(5))
            }
        }
    }

    func consumer() -> MessageConsumer {
        MessageConsumer(redis: context.redisConfiguration, channels: [Channel.jobs], logger: context.logger) { message in
            guard message.header.type == .job else { return }
            let job = try message.decode(JobPayload.self).payload
            guard job.job == "instruments.sync" else { return }
            try await sync(trace: message.header.trace)
        }
    }
}
