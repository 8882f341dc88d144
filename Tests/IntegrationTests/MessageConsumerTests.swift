import Foundation
import Messages
import RedisBus
import ServiceKit
import ServiceLifecycle
import Testing
import TestSupport
import TradingCore

@Suite("A consumer drops malformed messages and keeps running")
struct MessageConsumerTests {
    actor Received {
        var traces: [String] = []
        func add(_ trace: String) { traces.append(trace) }
    }

    @Test func malformedMessagesAreDroppedAndValidOnesStillArrive() async throws {
        let configuration = try RedisConfiguration(url: TestEnvironment.redisURL)
        let channel = TestEnvironment.uniqueName("test.consumer")
        let received = Received()
        let subscribed = Received()
        let consumer = MessageConsumer(redis: configuration, channels: [channel], logger: TestEnvironment.logger,
                                       onSubscribed: { Task { await subscribed.add("up") } }) { message in
            let envelope = try message.decode(JobPayload.self)
            await received.add(envelope.trace)
        }
        let task = Task { try await consumer.run() }
        defer { task.cancel() }
        #expect(await TestEnvironment.eventually { await !subscribed.traces.isEmpty })

        let redis = RedisClient(configuration: configuration, logger: TestEnvironment.logger)
        let bus = EventBus(redis: redis, source: "test", clock: SystemClock(), logger: TestEnvironment.logger)
        let valid = try bus.encode(.job, trace: "good-1", mode: .paper,
                                   payload: JobPayload(job: "eod.flatten", tradingDay: "2026-11-23", slot: "15:25", scheduledAt: Date()))
        try await redis.publish("not json at all", to: channel)
        try await redis.publish("{\"v\":1}", to: channel)
        try await redis.publish(valid.replacingOccurrences(of: "\"job.run\"", with: "\"no.such.type\""), to: channel)
        try await redis.publish(valid.replacingOccurrences(of: "\"v\":1", with: "\"v\":9"), to: channel)
        try await redis.publish(valid.replacingOccurrences(of: "\"tradingDay\"", with: "\"renamed\""), to: channel)
        try await redis.publish(valid, to: channel)
        try await redis.publish(valid.replacingOccurrences(of: "good-1", with: "good-2"), to: channel)
        #expect(await TestEnvironment.eventually { await received.traces.count >= 2 })
        #expect(await received.traces == ["good-1", "good-2"])
    }
}
