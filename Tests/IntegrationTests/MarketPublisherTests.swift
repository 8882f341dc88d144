import Foundation
import MarketFeeds
import Messages
import PostgresStore
import RedisBus
import ServiceKit
import Testing
import TestSupport
import TradingCore

@Suite("marketdata's publisher and chain book on a real Redis")
struct MarketPublisherTests {
    let redis = try! RedisConfiguration(url: TestEnvironment.redisURL)

    func context(_ values: [String: String]) -> ServiceKitContext {
        ServiceKitContext(name: "marketdata", config: AppConfig(values: values), logger: TestEnvironment.logger,
                          redisConfiguration: redis, database: PostgresDatabase(url: TestEnvironment.postgresURL, logger: TestEnvironment.logger),
                          clock: SystemClock())
    }

    /// Everything published on `md.*.<symbol>` channels, in order.
    func record(_ symbol: String) async throws -> (RedisSubscriber, Task<[RedisMessage], Never>) {
        let subscriber = RedisSubscriber(configuration: redis.named("test.md"), channels: [], patterns: ["md.*.\(symbol)"],
                                         logger: TestEnvironment.logger)
        subscriber.start()
        try await Task.sleep(for: .milliseconds(300))
        let task = Task {
            var messages: [RedisMessage] = []
            for await message in subscriber.messages { messages.append(message) }
            return messages
        }
        return (subscriber, task)
    }

    @Test("ticks and the bars they close go out in order per timeframe; late, out-of-order and bad ticks follow the policy")
    func ticksAndBars() async throws {
        let symbol = TestEnvironment.uniqueName("SYM").uppercased()
        let context = context(["marketdata.timeframes": "5s,1m", "marketdata.bar_grace_ms": "0"])
        let publisher = MarketPublisher(context: context, settings: try MarketdataSettings(config: context.config))
        let (subscriber, recorded) = try await record(symbol)
        let open = IST.instant(onDayOf: Date(timeIntervalSince1970: 1_795_000_000), hour: 9, minute: 15)
        func tick(_ seconds: Double, _ paise: Int64, _ volume: Int64 = 10) -> Tick {
            Tick(symbol: symbol, timestamp: open.addingTimeInterval(seconds), lastPrice: Paise(paise), volume: volume,
                 bid: Paise(paise - 5), ask: Paise(paise + 5))
        }
        #expect(await publisher.publish(ticks: [tick(0.5, 1_000), tick(3, 1_020), tick(6, 1_010)]))   // 09:15:06 closes the 09:15:00 5 s bar
        #expect(await publisher.publish(ticks: [tick(1, 990), tick(7, 0), tick(8, 1_005)]))           // late for 5 s, out of order for 1 m; price 0
        await publisher.flush(at: open.addingTimeInterval(61))
        #expect(await publisher.drain())
        try await Task.sleep(for: .milliseconds(500))
        subscriber.stop()
        let messages = await recorded.value
        let decoder = MessageCoding.makeDecoder()

        let ticks = try messages.filter { $0.channel == "md.tick.\(symbol)" }.map { try decoder.decode(Envelope<TickPayload>.self, from: Data($0.payload.utf8)) }
        #expect(ticks.map(\.payload.lastPricePaise) == [1_000, 1_020, 1_010, 990, 1_005])             // the price-0 tick never left
        #expect(ticks.first?.payload.bidPaise == 995 && ticks.first?.payload.askPaise == 1_005)
        let fives = try messages.filter { $0.channel == "md.bar.5s.\(symbol)" }.map { try decoder.decode(Envelope<BarPayload>.self, from: Data($0.payload.utf8)).payload }
        #expect(fives.map(\.start) == [open, open.addingTimeInterval(5)])
        #expect(fives.first.map { [$0.openPaise, $0.highPaise, $0.lowPaise, $0.closePaise, $0.volume] } == [1_000, 1_020, 1_000, 1_020, 20])
        #expect(fives.last.map { [$0.openPaise, $0.highPaise, $0.lowPaise, $0.closePaise, $0.volume] } == [1_010, 1_010, 1_005, 1_005, 20])
        let minutes = try messages.filter { $0.channel == "md.bar.1m.\(symbol)" }.map { try decoder.decode(Envelope<BarPayload>.self, from: Data($0.payload.utf8)).payload }
        #expect(minutes.count == 1)
        #expect(minutes.first.map { [$0.openPaise, $0.highPaise, $0.lowPaise, $0.closePaise, $0.volume] } == [1_000, 1_020, 990, 1_005, 50])
        #expect(minutes.first?.timeframe == "1m")
        // The bar closed by a tick carries that tick's trace and comes right after it.
        let closingIndex = try #require(messages.firstIndex { $0.channel == "md.bar.5s.\(symbol)" })
        let closingTick = try decoder.decode(EnvelopeHeader.self, from: Data(messages[closingIndex - 1].payload.utf8))
        let bar = try decoder.decode(EnvelopeHeader.self, from: Data(messages[closingIndex].payload.utf8))
        #expect(closingTick.type == .tick && bar.trace == closingTick.trace)
        #expect(try await context.redis.get(Channel.Key.lastPrice(symbol)) == "1005")
    }

    @Test("a simulated chain goes out on md.chain.<UNDERLYING> with IVs and greeks, and again on refresh")
    func chainsWithGreeks() async throws {
        let symbol = TestEnvironment.uniqueName("IDX").uppercased()
        let context = context([:])
        let book = ChainBook(context: context, riskFreeRate: 0.065)
        let (subscriber, recorded) = try await record(symbol)
        let underlying = SimulatedUnderlying(symbol: symbol, basePrice: Paise(2_495_000), tickSize: Paise(5), lotSize: 65,
                                             annualVolatility: 0.12, strikeStep: Paise(5_000))
        var simulator = MarketSimulator(seed: 7, configuration: MarketSimulatorConfiguration(underlyings: [underlying]))
        let now = IST.instant(onDayOf: Date(timeIntervalSince1970: 1_795_000_000), hour: 11, minute: 0)
        _ = simulator.ticks(at: now)
        let expiry = NSESession.nextWeeklyExpiry(after: now, weekday: 3)
        let quotes = simulator.optionChain(for: symbol, at: now, expiry: expiry, strikesEachSide: 5)
        await book.update(underlying: symbol, spot: try #require(simulator.price(of: symbol)), expiry: expiry, asOf: now,
                          quotes: quotes.map(\.chainQuote), trace: "chain-trace-1")
        #expect(await book.publishAll(trace: "chain-trace-2") == 1)
        try await Task.sleep(for: .milliseconds(500))
        subscriber.stop()
        let chains = try await recorded.value.filter { $0.channel == "md.chain.\(symbol)" }
            .map { try MessageCoding.makeDecoder().decode(Envelope<ChainPayload>.self, from: Data($0.payload.utf8)) }
        #expect(chains.map(\.trace) == ["chain-trace-1", "chain-trace-2"])
        let chain = try #require(chains.first?.payload)
        #expect(chain.rows.count == 22)                                  // 11 strikes, a call and a put each
        #expect(chain.expiry == IST.dayString(expiry))
        #expect(chain.rows.allSatisfy { $0.iv != nil && $0.delta != nil && $0.failure == nil })
        let atm = try #require(chain.atmStrikePaise)
        let atmCall = try #require(chain.rows.first { $0.strikePaise == atm && $0.kind == "CE" })
        let atmPut = try #require(chain.rows.first { $0.strikePaise == atm && $0.kind == "PE" })
        #expect((0.3...0.7).contains(atmCall.delta ?? 0) && (-0.7 ... -0.3).contains(atmPut.delta ?? 0))
        #expect(abs((atmCall.iv ?? 0) - 0.12) < 0.03)                    // the smile's at-the-money vol, in a range regime
    }
}
