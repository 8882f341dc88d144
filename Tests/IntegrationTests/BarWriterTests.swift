import Foundation
import MarketFeeds
import PostgresStore
import Testing
import TestSupport
import TradingCore

/// marketdata's bar persistence on the real Postgres: the queue is bounded and never waits, a
/// Postgres that cannot be reached costs a counted batch and nothing else, a good one gets every bar.
@Suite("bar writer on Postgres")
struct BarWriterTests {
    static func bar(_ minute: Int) -> Bar {
        Bar(symbol: "NIFTY", start: Date(timeIntervalSince1970: 1_756_957_500 + Double(minute * 60)), open: Paise(2_450_000),
            high: Paise(2_451_000), low: Paise(2_449_000), close: Paise(2_450_500), volume: Int64(minute))
    }

    @Test func boundedQueueAFailingDatabaseAndAGoodOne() async throws {
        let queue = BarPersistQueue(capacity: 5)
        #expect((0..<6).map { queue.offer(Self.bar($0), timeframeSeconds: 60) } == [true, true, true, true, true, false])

        let down = PostgresDatabase(url: "postgres://nobody@127.0.0.1:1/none", logger: TestEnvironment.logger, label: "down")
        let failing = BarWriter(queue: queue, database: down, logger: TestEnvironment.logger, batchSize: 2)
        let failure = await failing.drain()
        #expect(failure?.0 == 2 && queue.count == 3, "one batch dropped, the rest wait")

        let temporary = try await TemporaryDatabase.create()
        try await temporary.migrate()
        let database = temporary.connect()
        let writer = BarWriter(queue: queue, database: database, logger: TestEnvironment.logger, batchSize: 2)
        #expect(await writer.drain() == nil && queue.count == 0)
        let stored = try await database.withConnection { try BarRepository.range(symbol: "NIFTY", timeframeSeconds: 60, fromDay: nil, toDay: nil, on: $0) }
        await temporary.drop()
        #expect(stored == (2..<5).map(Self.bar))
    }
}
