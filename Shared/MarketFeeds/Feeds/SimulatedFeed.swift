import Foundation
import Messages
import PostgresStore
import ServiceKit
import ServiceLifecycle
import TradingCore

/// The seeded simulator for a dry run. Simulated time starts at today's 09:15 IST, or
/// where a previous run of today left off (so a restart never re-publishes bars whose
/// signals are already recorded), and advances one minute per `sim_bar_ms`.
public struct SimulatedFeed: MarketFeed {
    public let context: ServiceKitContext
    public let settings: MarketdataSettings
    public var name: String { "sim" }

    public init(context: ServiceKitContext, settings: MarketdataSettings) {
        self.context = context
        self.settings = settings
    }

    public func run(publisher: MarketPublisher) async throws {
        var simulators = settings.symbols.map {
            TickSimulator(symbol: $0, basePrice: settings.basePrice, tickSize: settings.tickSize, seed: settings.seed)
        }
        var simulatedNow = await resumePoint()
        var steps = 0
        let step = 60.0 / Double(settings.ticksPerBar)
        let pause = Duration.milliseconds(max(1, settings.simBarMilliseconds / settings.ticksPerBar))
        context.logger.info("simulated feed started", metadata: ["feed.symbols": "\(settings.symbols)", "feed.seed": "\(settings.seed)"])
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let ticks = simulators.indices.map { simulators[$0].next(at: simulatedNow) }
            await publisher.publish(ticks: ticks)
            simulatedNow = simulatedNow.addingTimeInterval(step)
            await publisher.flush(at: simulatedNow)
            steps += 1
            if steps % settings.ticksPerBar == 0 {
                let point = simulatedNow
                Task { await saveResumePoint(point) } // never stalls the feed on a slow Postgres
            }
            try? await Task.sleep(for: pause)
        }
    }

    private static let resumeKey = "marketdata.sim_clock"

    private func resumePoint() async -> Date {
        let open = IST.instant(onDayOf: context.clock.now(), hour: 9, minute: 15)
        let saved = try? await context.database.withConnection { db in try SystemStateRepository.get(Self.resumeKey, on: db) }
        guard let text = saved.flatMap({ $0 }), let date = Timestamp.parse(text.trimmingCharacters(in: CharacterSet(charactersIn: "\""))),
              date > open else { return open }
        return date
    }

    private func saveResumePoint(_ date: Date) async {
        let value = "\"\(Timestamp.format(date))\""
        _ = try? await context.database.withConnection { db in try SystemStateRepository.set(Self.resumeKey, json: value, on: db) }
    }
}
