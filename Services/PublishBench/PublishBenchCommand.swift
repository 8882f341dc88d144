import Foundation
import Logging
import MarketFeeds
import Messages
import RedisBus
import ServiceKit
import TradingCore

/// `publish-bench [--ticks N] [--symbols N] [--batch N] [--ticks-per-minute N] [--subscriber]`: marketdata's
/// publishing path at full speed against the configured Redis. Pre-generated simulator
/// ticks go through `MarketPublisher` (1-minute bars with every indicator, envelopes,
/// pipelined PUBLISH), `--batch` ticks per round trip. With `--subscriber`, a
/// `PSUBSCRIBE md.tick.*` connection in this process counts what arrives, as the
/// executor's would. Prints ticks/s.
@main
struct PublishBenchCommand {
    static func main() async throws {
        var ticksWanted = 1_000_000, symbolCount = 200, batchSize = 200, ticksPerMinute = 60, withSubscriber = false
        var arguments = Array(CommandLine.arguments.dropFirst())
        while let flag = arguments.first {
            arguments.removeFirst()
            if flag == "--subscriber" { withSubscriber = true; continue }
            guard let text = arguments.first, let value = Int(text), value > 0 else { fail("\(flag) needs a positive integer") }
            arguments.removeFirst()
            switch flag {
            case "--ticks": ticksWanted = value
            case "--symbols": symbolCount = value
            case "--batch": batchSize = value
            case "--ticks-per-minute": ticksPerMinute = value
            default: fail("usage: publish-bench [--ticks N] [--symbols N] [--batch N] [--ticks-per-minute N] [--subscriber]")
            }
        }
        let context = ServiceKitContext.bootstrap(service: "marketdata")
        let settings = context.require { try MarketdataSettings(config: context.config) }
        let publisher = MarketPublisher(context: context, settings: settings)

        // Ticks of `symbolCount` symbols, `ticksPerMinute` a minute each (Kite's full mode sends
        // about one a second per liquid instrument), in time order.
        let symbols = (0..<symbolCount).map { "SYM\($0)" }
        var simulators = symbols.map { TickSimulator(symbol: $0, basePrice: Paise(2_450_000), tickSize: Paise(5), seed: 42) }
        let open = IST.instant(onDayOf: Date(), hour: 9, minute: 15)
        var ticks: [Tick] = []
        ticks.reserveCapacity(ticksWanted)
        var step = 0
        while ticks.count < ticksWanted {
            let at = open.addingTimeInterval(Double(step) * 60 / Double(ticksPerMinute))
            for index in simulators.indices where ticks.count < ticksWanted { ticks.append(simulators[index].next(at: at)) }
            step += 1
        }

        var received = 0
        var subscriber: RedisSubscriber?
        var counting: Task<Int, Never>?
        if withSubscriber {
            let sub = RedisSubscriber(configuration: context.redisConfiguration.named("publish-bench.sub"), channels: [],
                                      patterns: [Channel.allTicks], logger: context.logger, bufferLimit: 10_000_000)
            sub.start()
            subscriber = sub
            try await Task.sleep(for: .milliseconds(300))
            counting = Task {
                var count = 0
                for await _ in sub.messages { count += 1 }
                return count
            }
        }

        let started = ContinuousClock.now
        var offset = 0
        while offset < ticks.count {
            let end = min(ticks.count, offset + batchSize)
            guard await publisher.publish(ticks: Array(ticks[offset..<end])) else { fail("publish failed: is Redis up?") }
            offset = end
        }
        guard await publisher.drain() else { fail("publish failed: is Redis up?") }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let bars = await publisher.barsPublished
        if let subscriber, let counting {
            try await Task.sleep(for: .seconds(1))
            subscriber.stop()
            received = await counting.value
        }
        var line = String(format: "published %d ticks of %d symbols, %d a minute each (+%d bars) in %.3f s: %.0f ticks/s, %d ticks per round trip",
                          ticks.count, symbolCount, ticksPerMinute, bars, seconds, Double(ticks.count) / seconds, batchSize)
        if withSubscriber { line += ", \(received) received by a md.tick.* subscriber" }
        print(line)
        if withSubscriber && received < ticks.count { fail("the subscriber saw \(received) of \(ticks.count) ticks") }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("publish-bench: \(message)\n".utf8))
        exit(1)
    }
}
