import Foundation
import PostgresStore
import Testing
import TestSupport
import TradingCore

/// `backtest_runs` on the real Postgres: a job's QUEUED → RUNNING → DONE / FAILED and the schema's checks.
@Suite("backtest_runs on Postgres")
struct BacktestRunRepositoryTests {
    static func metrics() -> BacktestMetrics {
        let start = Date(timeIntervalSince1970: 1_756_957_560)   // 2025-09-04 09:16 IST
        let equity = [EquityPoint(time: start, equity: Paise(100_500), openPositions: 0)]
        return BacktestMetrics(initialCapital: Paise(100_000), equity: equity, trades: [], sessions: 1)
    }

    @Test func aJobGoesFromQueuedToDoneAndAnotherToFailed() async throws {
        let temporary = try await TemporaryDatabase.create()
        try await temporary.migrate()
        let db = temporary.connect()
        let done = BacktestRunRepository.Request(id: UUID(), kind: "backtest", source: "api", strategies: "ema_cross",
                                                 dataJSON: #"[{"symbol":"NIFTY","bars":3}]"#, from: "2025-09-04", to: nil,
                                                 outDir: "/tmp/x")
        let failed = BacktestRunRepository.Request(id: UUID(), kind: "validate", source: "api", strategies: "ema_cross",
                                                   dataJSON: "[]", from: nil, to: nil, outDir: nil)
        let metrics = Self.metrics()
        let rows = try await db.withConnection { runner in
            try BacktestRunRepository.insertQueued(done, at: Date(), on: runner)
            try BacktestRunRepository.insertQueued(failed, at: Date(), on: runner)
            let queued = try BacktestRunRepository.fetch(done.id, on: runner)?.string("status")
            try BacktestRunRepository.markRunning(done.id, on: runner)
            let running = try BacktestRunRepository.fetch(done.id, on: runner)?.string("status")
            try BacktestRunRepository.recordDone(done, configSha: "abc", metrics: metrics, metricsJSON: BacktestFiles.json(metrics),
                                                 verdict: nil, createdAt: Date(), finishedAt: Date(), on: runner)
            try BacktestRunRepository.markFailed(failed.id, error: "boom", at: Date(), on: runner)
            return (queued, running, try BacktestRunRepository.fetch(done.id, on: runner), try BacktestRunRepository.fetch(failed.id, on: runner),
                    try BacktestRunRepository.fetch(UUID(), on: runner))
        }
        await temporary.drop()
        #expect(rows.0 == "QUEUED" && rows.1 == "RUNNING")
        let row = try #require(rows.2)
        #expect(try row.string("status") == "DONE" && row.string("config_sha") == "abc" && row.int("trades") == 0)
        #expect(try row.paise("net_pnl") == .zero && row.string("from_day") == "2025-09-04")   // no trades: nothing realised
        #expect(try abs(row.double("total_return") - 0.005) < 1e-12)
        let stored = try JSONDecoder().decode(BacktestMetrics.self, from: Data(row.string("metrics").utf8))
        #expect(stored == metrics)
        #expect(try rows.3?.string("status") == "FAILED" && rows.3?.string("error") == "boom")
        #expect(rows.4 == nil)
    }

    @Test func aDoneRowWithoutMetricsIsRefused() async throws {
        let temporary = try await TemporaryDatabase.create()
        try await temporary.migrate()
        let db = temporary.connect()
        await #expect(throws: (any Error).self) {
            try await db.query("""
                INSERT INTO backtest_runs (id, kind, source, status, strategies, created_at) VALUES ($1, 'backtest', 'cli', 'DONE', 'x', now())
                """, [UUID()])
        }
        await temporary.drop()
    }
}
