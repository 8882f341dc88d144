import Foundation
import Logging
import Metrics
import PostgresStore
import ServiceKit
import ServiceLifecycle

/// Writes the bars marketdata published into `bars` (`marketdata.persist_bars`), off the tick
/// path: every `interval` it drains `BarPersistQueue` in batches through its own Postgres
/// connection. A failed batch is logged and counted (`aitrapp_md_bars_persist_failures_total`,
/// its bars in `aitrapp_md_bars_persist_dropped_total`) and the writer goes on; it never stops
/// the service. On shutdown it writes what is still queued, then returns.
public struct BarWriter: Service {
    private let queue: BarPersistQueue
    private let database: PostgresDatabase
    private let logger: Logger
    private let batchSize: Int
    private let interval: Duration
    private let persisted = Counter(label: "aitrapp_md_bars_persisted_total")
    private let failures = Counter(label: "aitrapp_md_bars_persist_failures_total")
    private let dropped = Counter(label: "aitrapp_md_bars_persist_dropped_total")

    public init(queue: BarPersistQueue, database: PostgresDatabase, logger: Logger, batchSize: Int = 1_000,
                interval: Duration = .milliseconds(250)) {
        self.queue = queue
        self.database = database
        self.logger = logger
        self.batchSize = batchSize
        self.interval = interval
    }

    /// The writer for marketdata's `barQueue` followed by `services` (nothing added when bars are
    /// not persisted). First in the group, so it is shut down last and stores the bars the feed
    /// published while stopping. Its own connection to `postgres.url`, so bar writes never queue
    /// behind (or hold up) instrument loads.
    public static func first(before services: [any Service], context: ServiceKitContext, queue: BarPersistQueue?) -> [any Service] {
        guard let queue else { return services }
        let database = PostgresDatabase(url: context.config.string("postgres.url", default: "postgres://aitrapp@127.0.0.1:55432/aitrapp"),
                                        logger: context.logger, label: "bars")
        return [BarWriter(queue: queue, database: database, logger: context.logger)] + services
    }

    public func run() async throws {
        var failing = 0
        while true {
            let stopping = Task.isShuttingDownGracefully || Task.isCancelled
            switch await drain() {
            case .none:
                if failing > 0 { logger.info("bars persisted again", metadata: ["bars.failed_batches": "\(failing)"]) }
                failing = 0
            case .some(let (count, error)):
                failing += 1
                // The first failure of a streak, then every 100th, so a missing table does not flood the log.
                if failing % 100 == 1 {
                    logger.warning("bars not persisted", metadata: ["bars.count": "\(count)", "bars.failed_batches": "\(failing)",
                                                                   "postgres.error": "\(error)"])
                }
            }
            if stopping { return }
            try? await Task.sleep(for: interval)
        }
    }

    /// Writes everything queued now, batch by batch; on a failure, the failed batch's size and
    /// the error (its bars are dropped and counted; the rest wait for the next round).
    public func drain() async -> (Int, any Error)? {
        while true {
            let batch = queue.take(limit: batchSize)
            guard !batch.isEmpty else { return nil }
            do {
                _ = try await database.withConnection { db in try BarRepository.insert(batch, on: db) }
                persisted.increment(by: batch.count)
            } catch {
                failures.increment()
                dropped.increment(by: batch.count)
                return (batch.count, error)
            }
        }
    }
}
