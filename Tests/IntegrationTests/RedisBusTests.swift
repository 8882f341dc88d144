import Foundation
import RedisBus
import Testing
import TestSupport

@Suite("Redis bus on a real Redis")
struct RedisBusTests {
    let configuration = try! RedisConfiguration(url: TestEnvironment.redisURL)

    func client() -> RedisClient { RedisClient(configuration: configuration, logger: TestEnvironment.logger) }

    /// Kills only this test's connection (by its client name), never another test's.
    static func kill(clientNamed name: String, using redis: RedisClient) async throws -> Int {
        let list = try await redis.command(["CLIENT", "LIST"]).string ?? ""
        var killed = 0
        for line in list.split(separator: "\n") where line.contains(" name=\(name) ") {
            guard let id = line.split(separator: " ").first(where: { $0.hasPrefix("id=") })?.dropFirst(3) else { continue }
            killed += Int(try await redis.command(["CLIENT", "KILL", "ID", String(id)]).integer ?? 0)
        }
        return killed
    }

    @Test func clientNameIsSetOnConnect() async throws {
        let name = TestEnvironment.uniqueName("named")
        let redis = RedisClient(configuration: configuration.named(name), logger: TestEnvironment.logger)
        #expect(try await redis.command(["CLIENT", "GETNAME"]).string == name)
    }

    @Test func setGetWithTTL() async throws {
        let redis = client()
        let key = TestEnvironment.uniqueName("test:key")
        try await redis.set(key, "value-1", ttlSeconds: 30)
        #expect(try await redis.get(key) == "value-1")
        let ttl = try await redis.command(["TTL", key]).integer ?? -1
        #expect(ttl > 0 && ttl <= 30)
        #expect(try await redis.get(key + ":missing") == nil)
    }

    @Test func pipelineReturnsRepliesInOrder() async throws {
        let redis = client()
        let key = TestEnvironment.uniqueName("test:counter")
        let replies = try await redis.pipeline([["INCR", key], ["INCR", key], ["GET", key], ["DEL", key]])
        #expect(replies.map(\.integer) == [1, 2, 2, 1])
    }

    @Test("pipelines submitted back to back run in order; binary-safe, multi-byte and empty arguments survive the RESP encoding")
    func submittedPipelinesKeepOrder() async throws {
        let redis = client()
        let key = TestEnvironment.uniqueName("test:ordered")
        let odd = "ünïcødé ₹ \r\n*3\r\n$4 \u{0}nul " + String(repeating: "x", count: 70_000)
        let first = redis.submitPipeline([["RPUSH", key, "a"], ["RPUSH", key, odd]])
        let second = redis.submitPipeline([["RPUSH", key, ""], ["RPUSH", key, "d"]])
        let third = redis.submitPipeline([["LRANGE", key, "0", "-1"], ["DEL", key]])
        #expect(try await third.value().first?.array?.compactMap(\.string) == ["a", odd, "", "d"])
        #expect(try await first.value().map(\.integer) == [1, 2])
        #expect(try await second.value().map(\.integer) == [3, 4])
    }

    @Test func serverErrorIsThrownNotFatal() async throws {
        let redis = client()
        await #expect(throws: RedisError.self) { try await redis.command(["NOSUCHCOMMAND"]) }
        #expect(try await redis.ping())
    }

    @Test func unreachableServerGivesAClearError() async throws {
        let redis = RedisClient(configuration: RedisConfiguration(host: "127.0.0.1", port: TestEnvironment.freePort(),
                                                                  connectTimeout: .milliseconds(300)),
                                logger: TestEnvironment.logger)
        do {
            _ = try await redis.ping()
            Issue.record("ping to a closed port succeeded")
        } catch {
            #expect("\(error)".contains("cannot connect to Redis"))
        }
    }

    @Test func urlPasswordNeverAppearsInDescription() throws {
        let config = try RedisConfiguration(url: "redis://:s3cret@127.0.0.1:6380/2")
        #expect(config.password == "s3cret")
        #expect(config.port == 6380 && config.database == 2)
        #expect(!"\(config)".contains("s3cret"))
        #expect(throws: RedisError.self) { try RedisConfiguration(url: "http://x") }
    }

    @Test func subscribeAndPsubscribeDeliverInOrder() async throws {
        let channel = TestEnvironment.uniqueName("test.chan")
        let subscriber = RedisSubscriber(configuration: configuration, channels: [channel], patterns: [channel + ".p.*"],
                                         logger: TestEnvironment.logger)
        subscriber.start()
        defer { subscriber.stop() }
        #expect(await TestEnvironment.eventually { subscriber.isSubscribed })
        let redis = client()
        for index in 0..<5 { try await redis.publish("m\(index)", to: channel) }
        try await redis.publish("patterned", to: channel + ".p.NIFTY")
        var received: [RedisMessage] = []
        for await message in subscriber.messages {
            received.append(message)
            if received.count == 6 { break }
        }
        #expect(received.prefix(5).map(\.payload) == ["m0", "m1", "m2", "m3", "m4"])
        #expect(received[5].payload == "patterned")
        #expect(received[5].pattern == channel + ".p.*")
        #expect(received[5].channel == channel + ".p.NIFTY")
    }

    @Test func subscriberResubscribesAfterTheConnectionIsKilled() async throws {
        let channel = TestEnvironment.uniqueName("test.reconnect")
        let name = TestEnvironment.uniqueName("reconnect-sub")
        let subscriber = RedisSubscriber(configuration: configuration.named(name), channels: [channel], logger: TestEnvironment.logger)
        subscriber.start()
        defer { subscriber.stop() }
        #expect(await TestEnvironment.eventually { subscriber.isSubscribed })
        let redis = client()
        #expect(try await Self.kill(clientNamed: name, using: redis) == 1)
        // Publish until the re-subscribed connection receives one.
        let collector = Task {
            for await message in subscriber.messages where message.payload == "after-kill" { return true }
            return false
        }
        let delivered = await TestEnvironment.eventually(timeout: .seconds(10), every: .milliseconds(200)) {
            (try? await redis.publish("after-kill", to: channel)) ?? 0 > 0
        }
        #expect(delivered)
        let got = await collector.value
        #expect(got)
    }

    @Test func clientReconnectsAfterItsConnectionIsKilled() async throws {
        let name = TestEnvironment.uniqueName("reconnect-cmd")
        let redis = RedisClient(configuration: configuration.named(name), logger: TestEnvironment.logger)
        #expect(try await redis.ping())
        #expect(try await Self.kill(clientNamed: name, using: client()) == 1)
        // The next command finds the dead connection, reconnects and retries once.
        #expect(try await redis.ping())
    }
}
