import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging

/// What the dashboard holds open while an operator presses the kill switch: a `/ws`
/// connection to control-api on the channels the dashboard subscribes to, read as fast as
/// frames come, counted.
final class DashboardStream: @unchecked Sendable {
    static let channels = "positions,orders,fills,trades,risk,control,decisions,signals"
    private let lock = NSLock()
    private var count = 0
    private var open = false
    private var task: Task<Void, Never>?

    func connect(api: String, token: String) {
        let url = api.replacingOccurrences(of: "http://", with: "ws://") + "/ws?channels=" + Self.channels
        var configuration = WebSocketClientConfiguration()
        configuration.maxFrameSize = 1 << 22
        configuration.additionalHeaders = [.authorization: "Bearer " + token]
        var logger = Logger(label: "latency-bench.ws")
        logger.logLevel = .critical
        task = Task { [self] in
            try? await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, _, _ in
                self.lock.withLock { self.open = true }
                for try await message in inbound.messages(maxSize: 1 << 22) {
                    if case .text = message { self.lock.withLock { self.count += 1 } }
                }
            }
            self.lock.withLock { self.open = false }
        }
    }

    var isOpen: Bool { lock.withLock { open } }
    var frames: Int { lock.withLock { count } }

    func close() { task?.cancel() }
}
