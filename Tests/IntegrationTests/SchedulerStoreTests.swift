import Foundation
import Messages
import PostgresStore
import RedisBus
import ServiceKit
import Testing
import TestSupport
import TradingCore

/// The scheduler's Redis lock and its Postgres tables, on the real servers.
@Suite("Scheduler: leader lock on Redis, job_runs and eod_reports on Postgres")
struct SchedulerStoreTests {
    static func redis() -> RedisClient {
        RedisClient(configuration: try! RedisConfiguration(url: TestEnvironment.redisURL), logger: TestEnvironment.logger)
    }

    @Test func oneLeaderAtATimeAndALostLockStopsFiring() async throws {
        let key = TestEnvironment.uniqueName("scheduler:leader:test")
        let redis = Self.redis()
        let lock = LeaderLock(redis: redis, key: key)
        var a = LeaderElection(token: "a", ttl: 0.6, renewInterval: 0.2)
        var b = LeaderElection(token: "b", ttl: 0.6, renewInterval: 0.2)
        let t0 = Date()
        let outcomeA = try #require(await lock.perform(a.tick(now: t0).0))
        let outcomeB = try #require(await lock.perform(b.tick(now: t0).0))
        #expect(a.record(outcomeA, at: t0) == .becameLeader)
        #expect(b.record(outcomeB, at: t0) == nil)
        #expect(a.canFire(at: t0) && !b.canFire(at: t0))
        #expect(try await redis.get(key) == "a")
        let ttl = try await redis.command(["PTTL", key]).integer ?? -1
        #expect(ttl > 0 && ttl <= 600)

        // Renewal keeps it; someone else taking the key (e.g. after an expiry) makes the next renewal fail.
        let t1 = t0.addingTimeInterval(0.25)
        let renewed = try #require(await lock.perform(a.tick(now: t1).0))
        #expect(renewed == .confirmed && a.record(renewed, at: t1) == nil)
        try await redis.command(["SET", key, "b", "PX", "600"])
        let t2 = t0.addingTimeInterval(0.5)
        let renewal = try #require(await lock.perform(a.tick(now: t2).0))
        #expect(renewal == .heldByOther)
        #expect(a.record(renewal, at: t2) == .lostLeadership(reason: "the lock is held by another scheduler"))
        #expect(!a.canFire(at: t2))
        #expect(try await redis.get(key) == "b")   // the failed renewal did not touch b's lock

        // Release deletes only our own token.
        await lock.release(token: "a")
        #expect(try await redis.get(key) == "b")
        await lock.release(token: "b")
        #expect(try await redis.get(key) == nil)
    }

    @Test func jobRunsRecordOutcomesSkipsAndLastRuns() async throws {
        let temporary = try await TemporaryDatabase.create()
        try await temporary.migrate()
        let db = temporary.connect()
        let at = Timestamp.parse("2026-11-23T09:55:00Z")!
        let json = try await db.withConnection { runner -> String in
            #expect(try JobRunRepository.claim(job: "eod.flatten", tradingDay: "2026-11-23", slot: "15:25", scheduledAt: at,
                                               firedAt: at.addingTimeInterval(120), source: "catch_up", on: runner))
            try JobRunRepository.finish(job: "eod.flatten", tradingDay: "2026-11-23", slot: "15:25", status: "DONE",
                                        finishedAt: at.addingTimeInterval(120.25), on: runner)
            #expect(try JobRunRepository.recordSkip(job: "instruments.sync", tradingDay: "2026-11-23", slot: "08:30", scheduledAt: at,
                                                    at: at, detail: "test", on: runner))
            #expect(try !JobRunRepository.recordSkip(job: "instruments.sync", tradingDay: "2026-11-23", slot: "08:30", scheduledAt: at,
                                                     at: at, detail: "again", on: runner))
            #expect(try JobRunRepository.keys(tradingDay: "2026-11-23", on: runner) == ["eod.flatten|15:25", "instruments.sync|08:30"])
            return try JobRunRepository.lastRunsByJobJSON(perJob: 5, on: runner)
        }
        await temporary.drop()
        struct Run: Decodable { var status: String; var source: String; var duration_ms: Int?; var fired_ist: String }
        let runs = try JSONDecoder().decode([String: [Run]].self, from: Data(json.utf8))
        #expect(runs["eod.flatten"]?.first?.status == "DONE" && runs["eod.flatten"]?.first?.source == "catch_up")
        #expect(runs["eod.flatten"]?.first?.duration_ms == 250)
        #expect(runs["eod.flatten"]?.first?.fired_ist == "2026-11-23T15:27:00+05:30")
        #expect(runs["instruments.sync"]?.first?.status == "SKIPPED")
    }

    @Test func eodReportSumsTheDaysTradesAndRiskEvents() async throws {
        let temporary = try await TemporaryDatabase.create()
        try await temporary.migrate()
        let db = temporary.connect()
        let row = try await db.withConnection { runner -> PostgresRow? in
            // Two trades closed on 2026-11-23 IST (one at 23:50 IST = 18:20 UTC), one on the next IST day.
            for (index, closed, net, fees) in [(0, "2026-11-23T05:00:00Z", "150.00", "40.00"), (1, "2026-11-23T18:20:00Z", "-60.00", "40.00"),
                                                (2, "2026-11-23T18:40:00Z", "999.00", "40.00")] {
                let signal = UUID(), decision = UUID(), order = UUID(), fill = UUID(), position = UUID()
                try runner.query("""
                    INSERT INTO signals (id, trace, strategy, symbol, side, entry_price, stop_price, target_price, confidence, rationale,
                                         config_sha, bar_start) VALUES ($1, 't', 's', 'NIFTY', 'BUY', 1, 1, 1, 0.5, 'r', 'c', $2::timestamptz)
                    """, [signal, closed])
                try runner.query("""
                    INSERT INTO decisions (id, signal_id, client_plan_id, trace, status, mode, symbol, side, lots, lot_size, quantity,
                                           risk_amount, verdicts, config_sha)
                    VALUES ($1, $2, $3, 't', 'APPROVED', 'PAPER', 'NIFTY', 'BUY', 1, 75, 75, 1, '[]', 'c')
                    """, [decision, signal, "plan-\(index)"])
                try runner.query("""
                    INSERT INTO orders (id, client_order_id, decision_id, oco_group, leg, trace, mode, symbol, side, order_type, quantity, status)
                    VALUES ($1, $2, $3, $4, 'ENTRY', 't', 'PAPER', 'NIFTY', 'BUY', 'MARKET', 75, 'FILLED')
                    """, [order, "order-\(index)", decision, UUID()])
                try runner.query("INSERT INTO fills (id, order_id, trace, quantity, price, filled_at) VALUES ($1, $2, 't', 75, 1, now())",
                                 [fill, order])
                try runner.query("""
                    INSERT INTO positions (id, decision_id, oco_group, trace, mode, symbol, side, quantity, entry_price, stop_price,
                                           target_price, status, opened_at, closed_at)
                    VALUES ($1, $2, $3, 't', 'PAPER', 'NIFTY', 'BUY', 75, 1, 1, 1, 'CLOSED', $4::timestamptz, $4::timestamptz)
                    """, [position, decision, UUID(), closed])
                try runner.query("""
                    INSERT INTO trades (id, position_id, signal_id, decision_id, entry_fill_id, exit_fill_id, trace, mode, symbol, side,
                                        quantity, entry_price, exit_price, gross_pnl, fees, net_pnl, exit_reason, opened_at, closed_at)
                    VALUES ($1, $2, $3, $4, $5, $5, 't', 'PAPER', 'NIFTY', 'BUY', 75, 1, 1, $6::numeric + $7::numeric, $7::numeric,
                            $6::numeric, 'EOD', $8::timestamptz, $8::timestamptz)
                    """, [UUID(), position, signal, decision, fill, net, fees, closed])
            }
            try runner.query("INSERT INTO risk_events (kind, severity, message, created_at) VALUES ('k', 'WARNING', 'm', '2026-11-23T06:00:00Z')")
            try EODReportRepository.write(tradingDay: "2026-11-23", trace: "t1", at: Date(), on: runner)
            try EODReportRepository.write(tradingDay: "2026-11-23", trace: "t2", at: Date(), on: runner)   // re-run replaces
            return try EODReportRepository.summary(tradingDay: "2026-11-23", on: runner)
        }
        let count = try await db.withConnection { runner in try runner.query("SELECT count(*) AS n FROM eod_reports").first?.int("n") }
        await temporary.drop()
        let report = try #require(row)
        #expect(try report.int("trades") == 2 && report.int("wins") == 1 && report.int("losses") == 1)
        #expect(try report.paise("net_pnl") == Paise(9_000) && report.paise("charges") == Paise(8_000))
        #expect(try report.paise("gross_pnl") == Paise(17_000))
        #expect(try report.int("risk_events") == 1 && report.int("open_positions") == 0)
        #expect(count == 1)
    }
}
