import Foundation
import HTTPTypes
import Messages
import RedisBus
import Testing
import TestSupport
import TradingCore

/// `/ws` against the real control-api: the three ways to present a token, channel
/// selection, refusals, a malformed message dropped and counted, and a slow client
/// that loses its oldest frames (counted in its heartbeats) without holding up a fast one.
@Suite("End to end: /ws stream", .serialized)
struct StreamEndToEndTests {
    private func publish(_ redis: RedisClient, _ type: MessageType, on channel: String, payload: some Codable & Sendable) async throws {
        let envelope = Envelope(type: type, ts: Date(), source: "e2e", trace: TraceID.make(), mode: .paper, payload: payload)
        _ = try await redis.publish(String(decoding: try MessageCoding.makeEncoder().encode(envelope), as: UTF8.self), to: channel)
    }

    private func tick(_ symbol: String, _ paise: Int64) -> TickPayload {
        TickPayload(symbol: symbol, exchangeTs: Date(), lastPricePaise: paise, volume: 1, bidPaise: paise, askPaise: paise)
    }

    private func control(_ actor: String) -> ControlPayload { ControlPayload(actor: actor, reason: "stream test") }

    private func withStack(_ overrides: [String: String] = [:], _ body: (ServiceStack, RedisClient) async throws -> Void) async throws {
        let stack = try await ServiceStack(overrides: overrides)
        do {
            try stack.start("control-api")
            try #require(await TestEnvironment.eventually(timeout: .seconds(20)) { (try? await stack.http("GET", "/health").status) == 200 })
            // The hub's subscription is up once a welcome says so.
            let probe = StreamTestClient()
            probe.connect(url: "ws://127.0.0.1:\(stack.apiPort)/ws?token=\(stack.viewerToken)")
            try #require(await TestEnvironment.eventually(timeout: .seconds(10)) { probe.frames.first?.contains("\"subscribed\":true") == true })
            probe.stop()
            try await body(stack, RedisClientFactory.make(stack.redisURL))
        } catch {
            print("---- control-api log ----\n\(stack.log("control-api").suffix(3000))")
            await stack.shutdown()
            throw error
        }
        await stack.shutdown()
    }

    @Test func channelsAuthAndRefusals() async throws {
        try await withStack { stack, redis in
            let base = "ws://127.0.0.1:\(stack.apiPort)/ws"
            // Header auth, two channels (one a symbol's ticks).
            let byHeader = StreamTestClient()
            byHeader.connect(url: base + "?channels=control,md.tick.NIFTY", headers: [.authorization: "Bearer \(stack.viewerToken)"])
            // Subprotocol auth (what browsers use), default channels.
            let byProtocol = StreamTestClient()
            byProtocol.connect(url: base, headers: [.secWebSocketProtocol: "aitrapp.bearer, \(stack.operatorToken)"])
            // Query auth, every tick.
            let byQuery = StreamTestClient()
            byQuery.connect(url: base + "?channels=md.tick.*&token=\(stack.viewerToken)")
            for client in [byHeader, byProtocol, byQuery] {
                #expect(await TestEnvironment.eventually(timeout: .seconds(10)) { client.frames(on: "ws").first?.contains("\"welcome\"") == true })
            }
            #expect(byHeader.frames.first?.contains("\"channels\":[\"control\",\"md.tick.NIFTY\"]") == true)
            #expect(byProtocol.frames.first?.contains("\"role\":\"operator\"") == true)

            try await publish(redis, .tick, on: Channel.tick("BANKNIFTY"), payload: tick("BANKNIFTY", 5_000_000))
            try await publish(redis, .tick, on: Channel.tick("NIFTY"), payload: tick("NIFTY", 2_400_000))
            try await publish(redis, .controlPause, on: Channel.control, payload: control("stream-test"))
            #expect(await TestEnvironment.eventually(timeout: .seconds(10)) {
                byHeader.frames(on: "control").count == 1 && byProtocol.frames(on: "control").count == 1 && byQuery.frames(on: "md.tick.BANKNIFTY").count == 1
            })
            #expect(byHeader.frames(on: "md.tick.NIFTY").count == 1)
            #expect(byHeader.frames(on: "md.tick.BANKNIFTY").isEmpty)
            #expect(byProtocol.frames(on: "md.tick.NIFTY").isEmpty)
            #expect(byQuery.frames(on: "control").isEmpty && byQuery.frames(on: "md.tick.NIFTY").count == 1)
            let frame = try #require(byHeader.frames(on: "control").first)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(frame.utf8)) as? [String: Any])
            #expect((object["event"] as? [String: Any])?["type"] as? String == "control.pause")

            // A malformed message is dropped and counted; the stream goes on.
            _ = try await redis.publish("not json {", to: Channel.control)
            try await publish(redis, .controlResume, on: Channel.control, payload: control("stream-test"))
            #expect(await TestEnvironment.eventually(timeout: .seconds(10)) { byHeader.frames(on: "control").count == 2 })
            #expect(byHeader.frames.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
            let metrics = try await stack.http("GET", "/metrics", token: stack.viewerToken).body
            #expect(metrics.contains("aitrapp_ws_malformed_total 1"))
            #expect(metrics.contains("aitrapp_ws_clients 3"))

            // Refusals: no token, a wrong one, an unknown channel; plain HTTP GETs say why.
            let anonymous = StreamTestClient()
            anonymous.connect(url: base + "?channels=control")
            let wrong = StreamTestClient()
            wrong.connect(url: base + "?token=wrong-token-0123456789abcdef")
            let badChannel = StreamTestClient()
            badChannel.connect(url: base + "?channels=positions,secrets&token=\(stack.viewerToken)")
            for client in [anonymous, wrong, badChannel] {
                #expect(await TestEnvironment.eventually(timeout: .seconds(10)) { client.ended != nil })
                #expect(!client.isConnected)
            }
            #expect(try await stack.http("GET", "/ws", token: "").status == 401)
            let unknown = try await stack.http("GET", "/ws?channels=positions,secrets", token: stack.viewerToken)
            #expect(unknown.status == 400 && unknown.body.contains("unknown channel \\\"secrets\\\""))
            #expect(try await stack.http("GET", "/ws?channels=md.bar.7x.NIFTY", token: stack.viewerToken).status == 400)
            let plain = try await stack.http("GET", "/ws?channels=md.bar.1m.*", token: stack.viewerToken)
            #expect(plain.status == 426 && plain.body.contains("upgrade_required"))
            for client in [byHeader, byProtocol, byQuery] { client.stop() }
        }
    }

    @Test func aSlowClientLosesItsOldestFramesAndHoldsUpNoOne() async throws {
        try await withStack(["AITRAPP_CONTROL_API_WS_BUFFER": "1000", "AITRAPP_CONTROL_API_WS_HEARTBEAT_MS": "200"]) { stack, redis in
            let base = "ws://127.0.0.1:\(stack.apiPort)/ws?channels=md.tick.*&token=\(stack.viewerToken)"
            let slow = StreamTestClient(paused: true)
            slow.connect(url: base)
            let fast = StreamTestClient()
            fast.connect(url: base)
            #expect(await TestEnvironment.eventually(timeout: .seconds(10)) { slow.isConnected && fast.frames(on: "ws").count >= 1 })
            // ~24 MB of ticks in bursts of 500 (half the buffer): far more than the socket buffers
            // and the queue hold for the slow reader; the fast one takes each burst before the next.
            let symbol = String(repeating: "X", count: 30)
            let padding = String(repeating: "9", count: 1000)
            let envelope = { (index: Int) -> String in
                "{\"id\":\"\(UUID().uuidString)\",\"mode\":\"PAPER\",\"payload\":{\"exchangeTs\":\"2026-11-20T04:15:59.000000Z\","
                    + "\"lastPricePaise\":\(index),\"pad\":\"\(padding)\",\"symbol\":\"\(symbol)\",\"volume\":1},\"source\":\"e2e\","
                    + "\"trace\":\"0000000000000000\",\"ts\":\"2026-11-20T04:16:00.000000Z\",\"type\":\"md.tick\",\"v\":1}"
            }
            let total = 24_000
            let started = ContinuousClock.now
            for batch in stride(from: 0, to: total, by: 500) {
                _ = try await redis.pipeline((batch..<(batch + 500)).map { ["PUBLISH", Channel.tick(symbol), envelope($0)] })
                try #require(await TestEnvironment.eventually(timeout: .seconds(10), every: .milliseconds(5)) {
                    fast.frames(on: "md.tick.\(symbol)").count == batch + 500
                }, "the fast client fell behind at \(batch)")
            }
            let elapsed = ContinuousClock.now - started
            // The fast client got every frame, in order, while the slow one read nothing.
            let fastTicks = fast.frames(on: "md.tick.\(symbol)")
            #expect(fastTicks.count == total)
            #expect(fastTicks.enumerated().allSatisfy { $1.contains("\"lastPricePaise\":\($0),") })
            #expect(fast.frames(on: "ws").allSatisfy { $0.contains("\"welcome\"") || $0.contains("\"dropped\":0}") })
            // The API answers meanwhile.
            #expect(try await stack.http("GET", "/state", token: stack.viewerToken).status == 200)
            // The slow client: its oldest frames were dropped, the newest kept, and its heartbeats say how many.
            slow.resume()
            #expect(await TestEnvironment.eventually(timeout: .seconds(30)) {
                slow.frames(on: "md.tick.\(symbol)").last?.contains("\"lastPricePaise\":\(total - 1),") == true
                    && slow.frames(on: "ws").contains { $0.contains("\"heartbeat\"") && !$0.contains("\"dropped\":0}") }
            })
            let slowTicks = slow.frames(on: "md.tick.\(symbol)")
            #expect(slowTicks.count < total)
            let metrics = try await stack.http("GET", "/metrics", token: stack.viewerToken).body
            #expect(metrics.contains("aitrapp_ws_frames_dropped_total"))
            print("stream: \(total) frames to the fast client in \(elapsed); the slow client got \(slowTicks.count)")
            slow.stop()
            fast.stop()
        }
    }
}
