import HummingbirdWebSocket
import NIOCore

/// What a `KiteTestServer` script uses to write to its connection.
public struct KiteTestServerSender: Sendable {
    let outbound: WebSocketOutboundWriter
    let recorder: KiteTestServerRecorder
    let connection: Int

    /// Waits (up to 5 s) until this connection has received `count` text messages, e.g. the
    /// subscribe and mode messages; true when it has.
    @discardableResult
    public func waitForTexts(_ count: Int) async -> Bool {
        await TestEnvironment.eventually(timeout: .seconds(5), every: .milliseconds(10)) {
            await recorder.connections[connection].texts.count >= count
        }
    }

    public func binary(_ bytes: [UInt8]) async throws {
        try await outbound.write(.binary(ByteBuffer(bytes: bytes)))
    }

    public func text(_ text: String) async throws {
        try await outbound.write(.text(text))
    }
}
