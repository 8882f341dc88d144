import Foundation
import Messages
import RedisBus
import TestSupport

/// `psubscribe '*'` on the stack's Redis, keeping every envelope header with its channel.
final class EventRecorder: @unchecked Sendable {
    struct Event: Sendable {
        var channel: String
        var header: EnvelopeHeader
        var raw: String
    }

    private let subscriber: RedisSubscriber
    private let lock = NSLock()
    private var events: [Event] = []
    private var task: Task<Void, Never>?

    init(redisURL: String) throws {
        subscriber = RedisSubscriber(configuration: try RedisConfiguration(url: redisURL), channels: [], patterns: ["*"],
                                     logger: TestEnvironment.logger)
    }

    func start() async -> Bool {
        subscriber.start()
        let decoder = MessageCoding.makeDecoder()
        task = Task { [subscriber, weak self] in
            for await message in subscriber.messages {
                guard let header = try? decoder.decode(EnvelopeHeader.self, from: Data(message.payload.utf8)) else { continue }
                self?.lock.withLock { self?.events.append(Event(channel: message.channel, header: header, raw: message.payload)) }
            }
        }
        return await TestEnvironment.eventually { subscriber.isSubscribed }
    }

    func stop() {
        subscriber.stop()
        task?.cancel()
    }

    var all: [Event] { lock.withLock { events } }

    func events(trace: String) -> [Event] { all.filter { $0.header.trace == trace } }
}
