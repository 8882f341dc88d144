import Foundation
import Logging
import Messages
import RedisBus
import ServiceKit

/// `latency-bench [--samples N] [--timeout SECONDS]`: listens to a running stack and
/// measures tick-to-order latency across the processes from envelope timestamps: for each
/// trace, the `order.placed` (ENTRY) time minus the `md.tick` time of the same trace
/// (the tick that closed the bar that fired the signal). Prints p50, p90, p99 and max.
/// `latency-bench --flatten 1,10,200 [--api http://127.0.0.1:8080]`: the kill switch and
/// decision-to-order (`FlattenBench`); with `--api`, the flatten is `POST /flatten` on
/// control-api (token: `AITRAPP_OPERATOR_TOKEN`) with a dashboard `/ws` stream connected.
@main
struct LatencyBenchCommand {
    static func main() async throws {
        var samplesWanted = 50
        var timeoutSeconds = 120.0
        var flattenSizes: [Int]?
        var api: String?
        var arguments = Array(CommandLine.arguments.dropFirst())
        while let flag = arguments.first {
            arguments.removeFirst()
            guard let value = arguments.first else { fail("\(flag) needs a value") }
            arguments.removeFirst()
            switch flag {
            case "--samples": samplesWanted = Int(value) ?? samplesWanted
            case "--timeout": timeoutSeconds = Double(value) ?? timeoutSeconds
            case "--flatten": flattenSizes = value.split(separator: ",").compactMap { Int($0) }
            case "--api": api = value
            default: fail("usage: latency-bench [--samples N] [--timeout SECONDS] | --flatten 1,10,200 [--api URL]")
            }
        }
        let config = ServiceKitContext.bootstrapConfigOnly()
        if let flattenSizes {
            do {
                var bench = try FlattenBench(config: config)
                if let api {
                    guard let token = ProcessInfo.processInfo.environment["AITRAPP_OPERATOR_TOKEN"], !token.isEmpty else {
                        fail("--api needs AITRAPP_OPERATOR_TOKEN (an operator token of that control-api)")
                    }
                    bench.api = (api, token)
                }
                try await bench.run(sizes: flattenSizes)
            } catch {
                fail("\(error)")
            }
            return
        }
        let redis = try RedisConfiguration(url: config.string("redis.url", default: "redis://127.0.0.1:6379"))
        let subscriber = RedisSubscriber(configuration: redis, channels: [Channel.orders], patterns: [Channel.allTicks],
                                         logger: Logger(label: "latency-bench"))
        subscriber.start()
        let decoder = MessageCoding.makeDecoder()
        var tickTimes: [String: Date] = [:]
        var latencies: [Double] = []
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        let watchdog = Task {
            try await Task.sleep(for: .seconds(timeoutSeconds))
            subscriber.stop()
        }
        for await message in subscriber.messages {
            guard let header = try? decoder.decode(EnvelopeHeader.self, from: Data(message.payload.utf8)) else { continue }
            if header.type == .tick {
                tickTimes[header.trace] = header.ts
                if tickTimes.count > 200_000 { tickTimes.removeAll(keepingCapacity: true) }
            } else if header.type == .orderPlaced,
                      let order = try? decoder.decode(Envelope<OrderPayload>.self, from: Data(message.payload.utf8)),
                      order.payload.leg == "ENTRY", let tickTime = tickTimes[header.trace] {
                latencies.append(header.ts.timeIntervalSince(tickTime) * 1000)
                if latencies.count >= samplesWanted || Date() > deadline { break }
            }
        }
        watchdog.cancel()
        subscriber.stop()
        guard !latencies.isEmpty else { fail("no tick→order chains observed in \(Int(timeoutSeconds)) s; is the stack running?") }
        latencies.sort()
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int((p / 100 * Double(latencies.count)).rounded(.up)) - 1)] }
        print(String(format: "tick-to-order latency over %d chains: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms",
                     latencies.count, percentile(50), percentile(90), percentile(99), latencies.last!))
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("latency-bench: \(message)\n".utf8))
        exit(1)
    }
}
