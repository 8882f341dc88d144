import Metrics
import PostgresStore
import Synchronization
import TradingCore

/// The bounded hand-off between the publisher (which offers every closed bar it publishes)
/// and `BarWriter` (which takes them in batches for Postgres). Offering never waits: it takes
/// a lock for an append; when `capacity` bars are already waiting (Postgres slow or down) the
/// bar is dropped and counted (`aitrapp_md_bars_persist_dropped_total`), so ticks are never held up.
public final class BarPersistQueue: Sendable {
    private let pending = Mutex<[BarRepository.Row]>([])
    public let capacity: Int
    private let dropped = Counter(label: "aitrapp_md_bars_persist_dropped_total")

    public init(capacity: Int = 100_000) {
        precondition(capacity > 0, "capacity must be positive")
        self.capacity = capacity
    }

    /// Queues one closed bar; false (and counted) when the queue is full.
    @discardableResult
    public func offer(_ bar: Bar, timeframeSeconds: Int) -> Bool {
        let accepted = pending.withLock { rows in
            guard rows.count < capacity else { return false }
            rows.append(BarRepository.Row(bar: bar, timeframeSeconds: timeframeSeconds))
            return true
        }
        if !accepted { dropped.increment() }
        return accepted
    }

    /// Takes up to `limit` of the oldest waiting bars.
    public func take(limit: Int) -> [BarRepository.Row] {
        pending.withLock { rows in
            let count = min(limit, rows.count)
            let batch = Array(rows.prefix(count))
            rows.removeFirst(count)
            return batch
        }
    }

    public var count: Int { pending.withLock { $0.count } }
}
