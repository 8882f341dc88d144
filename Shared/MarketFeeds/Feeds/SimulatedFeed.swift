import Foundation
import Messages
import PostgresStore
import ServiceKit
import ServiceLifecycle
import TradingCore

/// The seeded market simulator for a dry run (a weekend, say): the configured underlyings
/// with U-shaped intraday volatility and volume, opening gaps, trend / range / volatile
/// regimes, bid/ask, and each underlying's nearest weekly option chain priced from a
/// volatility smile, published with IVs and greeks once a simulated minute.
///
/// Simulated time walks session time only: it starts at today's 09:15 IST (or where a
/// previous run of today left off, so a restart never re-publishes bars whose signals are
/// already recorded), advances `60 / ticks_per_bar` seconds per step, one simulated minute
/// every `sim_bar_ms` of wall time, and jumps from 15:30 to the next weekday's 09:15.
public struct SimulatedFeed: MarketFeed {
    public let context: ServiceKitContext
    public let settings: MarketdataSettings
    public let chains: ChainBook
    public var name: String { "sim" }

    /// Strikes each side of the money in a published chain.
    static let strikesEachSide = 10
    /// The simulated weekly expiry: Tuesday (NIFTY's weeklies).
    static let expiryWeekday = 3

    public init(context: ServiceKitContext, settings: MarketdataSettings, chains: ChainBook) {
        self.context = context
        self.settings = settings
        self.chains = chains
    }

    /// The simulator's profile of each configured symbol: the built-in NSE index profiles
    /// (price level, volatility, strike step) where the symbol has one, else `base_price`;
    /// lot and tick size always from the configuration, as registered in `instruments`.
    public static func configuration(_ settings: MarketdataSettings) -> MarketSimulatorConfiguration {
        let builtIn = Dictionary(uniqueKeysWithValues: SimulatedUnderlying.nseIndices.map { ($0.symbol, $0) })
        let underlyings = settings.symbols.map { symbol in
            let profile = builtIn[symbol]
            return SimulatedUnderlying(symbol: symbol, basePrice: profile?.basePrice ?? settings.basePrice, tickSize: settings.tickSize,
                                       lotSize: Int64(settings.lotSize), annualVolatility: profile?.annualVolatility ?? 0.2,
                                       strikeStep: profile?.strikeStep ?? Paise(5_000))
        }
        return MarketSimulatorConfiguration(underlyings: underlyings)
    }

    public func run(publisher: MarketPublisher) async throws {
        let configuration = Self.configuration(settings)
        var simulator = MarketSimulator(seed: settings.seed, configuration: configuration)
        var simulatedNow = await resumePoint()
        var steps = 0
        let step = 60.0 / Double(settings.ticksPerBar)
        let pause = Duration.milliseconds(max(1, settings.simBarMilliseconds / settings.ticksPerBar))
        context.logger.info("simulated feed started", metadata: [
            "feed.symbols": "\(settings.symbols)", "feed.seed": "\(settings.seed)", "feed.start": "\(Timestamp.format(simulatedNow))"])
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await publisher.publish(ticks: simulator.ticks(at: simulatedNow))
            steps += 1
            if steps % settings.ticksPerBar == 0 {
                await publishChains(simulator, at: simulatedNow)
                let point = simulatedNow
                Task { await saveResumePoint(point) } // never stalls the feed on a slow Postgres
            }
            simulatedNow = NSESession.advance(simulatedNow, bySeconds: step)
            await publisher.flush(at: simulatedNow)
            try? await Task.sleep(for: pause)
        }
        await publisher.drain()
    }

    private func publishChains(_ simulator: MarketSimulator, at now: Date) async {
        let expiry = NSESession.nextWeeklyExpiry(after: now, weekday: Self.expiryWeekday)
        let trace = TraceID.make()
        for underlying in simulator.underlyings {
            let quotes = simulator.optionChain(for: underlying.symbol, at: now, expiry: expiry, strikesEachSide: Self.strikesEachSide)
            guard let spot = simulator.price(of: underlying.symbol), !quotes.isEmpty else { continue }
            await chains.update(underlying: underlying.symbol, spot: spot, expiry: expiry, asOf: now,
                                quotes: quotes.map(\.chainQuote), trace: trace)
        }
    }

    private static let resumeKey = "marketdata.sim_clock"

    private func resumePoint() async -> Date {
        let open = NSESession.advance(IST.instant(onDayOf: context.clock.now(), hour: 9, minute: 15), bySeconds: 0)
        let saved = try? await context.database.withConnection { db in try SystemStateRepository.get(Self.resumeKey, on: db) }
        guard let text = saved.flatMap({ $0 }), let date = Timestamp.parse(text.trimmingCharacters(in: CharacterSet(charactersIn: "\""))),
              date > open else { return open }
        return NSESession.advance(date, bySeconds: 0)
    }

    private func saveResumePoint(_ date: Date) async {
        let value = "\"\(Timestamp.format(date))\""
        _ = try? await context.database.withConnection { db in try SystemStateRepository.set(Self.resumeKey, json: value, on: db) }
    }
}
