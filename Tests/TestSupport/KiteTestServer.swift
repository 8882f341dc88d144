import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// A local WebSocket server on 127.0.0.1 that speaks the Kite ticker's protocol for tests:
/// it records the request path (with its query) and every text message each connection
/// sends, and lets the test script what each connection receives (`script` is called with
/// the connection's index from 0 and a `send` function). When the script returns the server
/// drops the connection; a script that waits keeps it open until the client closes it.
public final class KiteTestServer: Sendable {
    public typealias Script = @Sendable (_ connection: Int, _ send: KiteTestServerSender) async throws -> Void

    public let port: Int
    public let recorder = KiteTestServerRecorder()
    private let task: Task<Void, any Error>

    public var url: String { "ws://127.0.0.1:\(port)/" }

    public init(script: @escaping Script) async throws {
        let port = TestEnvironment.freePort()
        self.port = port
        let recorder = self.recorder
        var logger = Logger(label: "kite-test-server")
        logger.logLevel = .critical
        let app = Application(
            router: Router(),
            server: .http1WebSocketUpgrade { request, _, _ in
                let path = request.path ?? ""
                return .upgrade([:]) { inbound, outbound, _ in
                    let index = await recorder.opened(path: path)
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for try await message in inbound.messages(maxSize: 1 << 20) {
                                if case .text(let text) = message { await recorder.received(text, on: index) }
                            }
                        }
                        group.addTask {
                            try await script(index, KiteTestServerSender(outbound: outbound, recorder: recorder, connection: index))
                        }
                        _ = try await group.next()
                        group.cancelAll()
                    }
                    await recorder.closed(index)
                }
            },
            configuration: .init(address: .hostname("127.0.0.1", port: port)),
            logger: logger
        )
        task = Task { try await app.runService(gracefulShutdownSignals: []) }
        let up = await TestEnvironment.eventually(timeout: .seconds(10), every: .milliseconds(50)) { TestEnvironment.accepts(port: port) }
        guard up else {
            task.cancel()
            throw KiteTestServerError(description: "the test WebSocket server did not start on \(port)")
        }
    }

    /// Stops the server (and every open connection).
    public func stop() async {
        task.cancel()
        _ = await task.result
    }


    /// One Kite message: the packet count, then each packet with its 2-byte length.
    public static func message(_ packets: [[UInt8]], declaredCount: Int? = nil) -> [UInt8] {
        func be16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        var bytes = be16(declaredCount ?? packets.count)
        for packet in packets { bytes += be16(packet.count) + packet }
        return bytes
    }
}
