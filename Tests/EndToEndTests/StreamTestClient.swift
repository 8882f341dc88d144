import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import TestSupport

/// A `/ws` client for the tests: connects with the given headers, keeps every text frame.
/// With `paused`, it reads nothing until `resume()` (a slow browser).
final class StreamTestClient: @unchecked Sendable {
    private let lock = NSLock()
    private var received: [String] = []
    private var failure: String?
    private var connected = false
    private var gate: CheckedContinuation<Void, Never>?
    private var released: Bool
    private var task: Task<Void, Never>?

    init(paused: Bool = false) {
        released = !paused
    }

    func connect(url: String, headers: HTTPFields = [:]) {
        var configuration = WebSocketClientConfiguration()
        configuration.maxFrameSize = 1 << 22
        configuration.additionalHeaders = headers
        var logger = Logger(label: "ws-test")
        logger.logLevel = .critical
        task = Task { [self] in
            do {
                try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, _, _ in
                    self.lock.withLock { self.connected = true }
                    await self.waitUntilReleased()
                    for try await message in inbound.messages(maxSize: 1 << 22) {
                        if case .text(let text) = message { self.lock.withLock { self.received.append(text) } }
                    }
                }
                lock.withLock { failure = failure ?? "closed" }
            } catch {
                lock.withLock { failure = "\(error)" }
            }
        }
    }

    private func waitUntilReleased() async {
        await withCheckedContinuation { continuation in
            let go = lock.withLock { () -> Bool in
                if released { return true }
                gate = continuation
                return false
            }
            if go { continuation.resume() }
        }
    }

    func resume() {
        let continuation = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            released = true
            defer { gate = nil }
            return gate
        }
        continuation?.resume()
    }

    var frames: [String] { lock.withLock { received } }
    var isConnected: Bool { lock.withLock { connected } }
    /// Why the connection ended (nil while it is open or connecting).
    var ended: String? { lock.withLock { failure } }

    /// The frames on `channel` (`ws` for welcome / heartbeat).
    func frames(on channel: String) -> [String] {
        frames.filter { $0.hasPrefix("{\"channel\":\"\(channel)\"") }
    }

    func stop() {
        resume()
        task?.cancel()
    }
}
