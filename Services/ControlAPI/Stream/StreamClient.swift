import Foundation
import Metrics

/// One `/ws` connection's queue: a bounded buffer that keeps the newest `capacity` frames
/// and drops (and counts) the oldest when the browser reads slower than events arrive, so a
/// slow client never holds up the shared subscription or the other clients.
final class StreamClient: @unchecked Sendable {
    let id = UUID()
    let filter: StreamFilter
    let principal: APIPrincipal
    let frames: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation
    private let lock = NSLock()
    private var droppedCount = 0
    private var offeredCount = 0
    private let droppedCounter = Counter(label: "aitrapp_ws_frames_dropped_total")

    init(filter: StreamFilter, principal: APIPrincipal, capacity: Int) {
        self.filter = filter
        self.principal = principal
        (frames, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(max(1, capacity)))
    }

    /// Queues a frame; when the buffer is full the oldest queued frame is dropped and counted.
    func offer(_ frame: String) {
        let result = continuation.yield(frame)
        lock.withLock {
            offeredCount += 1
            if case .dropped = result { droppedCount += 1 }
        }
        if case .dropped = result { droppedCounter.increment() }
    }

    /// Frames dropped so far for this client (reported in every heartbeat).
    var dropped: Int { lock.withLock { droppedCount } }
    var offered: Int { lock.withLock { offeredCount } }

    /// Ends the stream: the connection's writer finishes and the socket closes.
    func finish() {
        continuation.finish()
    }
}
