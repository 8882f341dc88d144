import Foundation
import Messages
import PostgresStore
import RedisBus
import Testing
import TestSupport
import TradingCore

/// Real scheduler-worker (and executor) processes on a simulated IST clock: a whole day runs
/// in seconds. Monday 2026-11-23 is a trading day; Tuesday 2026-11-24 is an NSE holiday.
@Suite("End to end: scheduler on a driven clock", .serialized)
struct SchedulerEndToEndTests {
    static let oneOffs = ["instruments.sync", "week.reset", "session.open", "entries.close", "eod.flatten", "eod.report"]

    static func clock(_ start: String, speed: Int, tickMs: Int = 50) -> [String: String] {
        ["AITRAPP_SCHEDULER_WORKER_CLOCK_START": start, "AITRAPP_SCHEDULER_WORKER_CLOCK_SPEED": String(speed),
         "AITRAPP_SCHEDULER_WORKER_TICK_MS": String(tickMs), "AITRAPP_SCHEDULER_WORKER_LEADER_RENEW_MS": "200",
         "AITRAPP_SCHEDULER_WORKER_LEADER_TTL_MS": "1000"]
    }

    static func jobPayloads(_ recorder: EventRecorder) throws -> [JobPayload] {
        try recorder.all.filter { $0.channel == "jobs" && $0.header.type == .job }
            .map { try MessageCoding.makeDecoder().decode(Envelope<JobPayload>.self, from: Data($0.raw.utf8)).payload }
    }

    @Test func twoSchedulersFireEachJobOnceOnATradingDay() async throws {
        // 06:00 IST at 3600× (2.5 s of slack for the processes to start before 08:30): 16:00 IST after 10 s.
        let stack = try await ServiceStack(overrides: Self.clock("2026-11-23T06:00:00+05:30", speed: 3600))
        let recorder = try EventRecorder(redisURL: stack.redisURL)
        #expect(await recorder.start())
        try stack.start("scheduler-worker")
        try stack.start("scheduler-worker", instance: "scheduler-worker-2",
                        extraEnvironment: ["AITRAPP_SCHEDULER_WORKER_METRICS_PORT": String(TestEnvironment.freePort())])
        let db = stack.database.connect()
        let fired = await TestEnvironment.eventually(timeout: .seconds(30)) {
            (try? await db.query("SELECT count(*) AS n FROM job_runs WHERE job = 'eod.report' AND status = 'DONE'").first?.int("n")) == 1
        }
        try await Task.sleep(for: .seconds(1))   // time for a duplicate to appear
        let runs = try await db.query("""
            SELECT job, trading_day::text AS day, slot, status, source, scheduled_at, fired_at FROM job_runs ORDER BY scheduled_at, id
            """)
        let reports = try await db.query("SELECT trading_day::text AS day, trades, net_pnl::text AS net FROM eod_reports")
        let payloads = try Self.jobPayloads(recorder)
        let reportEvents = recorder.all.filter { $0.channel == Channel.reports && $0.header.type == .eodReport }
        recorder.stop()
        await stack.shutdown()

        #expect(fired)
        let oneOff = try runs.filter { try $0.string("job") != "chain.refresh" }
        #expect(try oneOff.map { try $0.string("job") } == Self.oneOffs)
        #expect(try oneOff.map { try $0.string("slot") } == ["08:30", "09:00", "09:15", "15:10", "15:25", "15:35"])
        #expect(try runs.allSatisfy { try $0.string("day") == "2026-11-23" && $0.string("source") == "schedule" })
        // Each run fired on time: at 3600× one 50 ms tick is 3 simulated minutes, so allow 10 (170 ms of wall time);
        // the one-second precision is eodFlattenFiresWithinOneSecondOf1525.
        let lateness = try runs.map { try $0.date("fired_at").timeIntervalSince($0.date("scheduled_at")) }
        #expect(lateness.allSatisfy { $0 >= 0 } && (lateness.max() ?? 0) < 600, "worst lateness \(lateness.max() ?? 0) s")
        #expect(try runs.last { try $0.string("job") == "eod.flatten" }?.date("scheduled_at") == Timestamp.parse("2026-11-23T09:55:00Z"))
        let refresh = try runs.filter { try $0.string("job") == "chain.refresh" }
        #expect(refresh.count == 376)
        // Exactly once: one job.run per row, no (job, slot) twice.
        #expect(payloads.count == runs.count)
        #expect(Set(payloads.map { "\($0.job)|\($0.slot)" }).count == payloads.count)
        #expect(reports.count == 1)
        #expect(try reports.first?.string("day") == "2026-11-23")
        #expect(try reports.first?.int("trades") == 0)
        #expect(reportEvents.count == 1)
    }

    @Test func eodFlattenFiresWithinOneSecondOf1525() async throws {
        // 15:24:50 IST at 5×, 20 ms ticks (0.1 s of simulated time).
        let stack = try await ServiceStack(overrides: Self.clock("2026-11-23T15:24:50+05:30", speed: 5, tickMs: 20))
        try stack.start("scheduler-worker")
        let db = stack.database.connect()
        let fired = await TestEnvironment.eventually(timeout: .seconds(15)) {
            (try? await db.query("SELECT count(*) AS n FROM job_runs WHERE job = 'eod.flatten'").first?.int("n")) == 1
        }
        let row = try await db.query("SELECT scheduled_at, fired_at, source FROM job_runs WHERE job = 'eod.flatten'").first
        await stack.shutdown()
        #expect(fired)
        let lateness = try #require(try row.map { try $0.date("fired_at").timeIntervalSince($0.date("scheduled_at")) })
        #expect(lateness >= 0 && lateness < 1)
        #expect(try row?.string("source") == "schedule")
    }

    @Test func aHolidayFiresNothingAndTheNextDayDoes() async throws {
        // Tuesday 2026-11-24 (Guru Nanak Jayanti) 08:00 IST at 7200×: Wednesday 08:30 after ~12 s.
        let stack = try await ServiceStack(overrides: Self.clock("2026-11-24T08:00:00+05:30", speed: 7200))
        try stack.start("scheduler-worker")
        let db = stack.database.connect()
        let wednesday = await TestEnvironment.eventually(timeout: .seconds(40)) {
            (try? await db.query("SELECT count(*) AS n FROM job_runs WHERE trading_day = '2026-11-25'").first?.int("n")) ?? 0 > 0
        }
        let tuesday = try await db.query("SELECT count(*) AS n FROM job_runs WHERE trading_day = '2026-11-24'").first?.int("n")
        await stack.shutdown()
        #expect(wednesday)
        #expect(tuesday == 0)
    }

    @Test func startedAt1527WithAnOpenPositionFlattensAtOnce() async throws {
        let stack = try await ServiceStack(overrides: Self.clock("2026-11-23T15:27:00+05:30", speed: 1)
            .merging(["AITRAPP_EXECUTOR_CLOCK_START": "2026-11-23T15:00:00+05:30", "AITRAPP_EXECUTOR_EOD_FALLBACK": "23:59"]) { $1 })
        try stack.start("executor")
        let db = stack.database.connect()
        try await Self.openPosition(stack: stack, db: db)
        try stack.start("scheduler-worker")
        let closed = await TestEnvironment.eventually(timeout: .seconds(20)) {
            (try? await db.query("SELECT count(*) AS n FROM positions WHERE status = 'CLOSED' AND exit_reason = 'EOD'").first?.int("n")) == 1
        }
        let flatten = try await db.query("SELECT source, slot, status FROM job_runs WHERE job = 'eod.flatten'")
        let skippedRefresh = try await db.query("SELECT count(*) AS n FROM job_runs WHERE job = 'chain.refresh'").first?.int("n")
        let sync = try await db.query("SELECT source FROM job_runs WHERE job = 'instruments.sync'")
        await stack.shutdown()
        #expect(closed)
        #expect(try flatten.map { try $0.string("source") } == ["catch_up"] && (try flatten.first?.string("slot")) == "15:25")
        #expect(try sync.map { try $0.string("source") } == ["catch_up"])
        #expect(skippedRefresh == 0)   // the missed refreshes are skipped (the 15:28… ones come later, at 1× not yet)
    }

    @Test func executorFallbackFlattensWhenTheSchedulerIsDown() async throws {
        // No scheduler-worker: the executor's clock passes 15:26 IST fifteen seconds in.
        let stack = try await ServiceStack(overrides: ["AITRAPP_EXECUTOR_CLOCK_START": "2026-11-23T15:25:30+05:30",
                                                       "AITRAPP_EXECUTOR_CLOCK_SPEED": "2"])
        try stack.start("executor")
        let db = stack.database.connect()
        try await Self.openPosition(stack: stack, db: db)
        let closed = await TestEnvironment.eventually(timeout: .seconds(40)) {
            (try? await db.query("SELECT count(*) AS n FROM positions WHERE status = 'CLOSED' AND exit_reason = 'EOD'").first?.int("n")) == 1
        }
        let run = try await db.query("SELECT slot, source, status FROM job_runs WHERE job = 'eod.flatten'").first
        let risk = try await db.query("SELECT count(*) AS n FROM risk_events WHERE kind = 'eod_fallback_flatten'").first?.int("n")
        let closedAt = try await db.query("SELECT closed_at FROM positions").first?.date("closed_at")
        await stack.shutdown()
        #expect(closed)
        #expect(try run?.string("slot") == "fallback" && run?.string("source") == "fallback" && run?.string("status") == "DONE")
        #expect(risk == 1)
        #expect(try #require(closedAt) >= Timestamp.parse("2026-11-23T09:56:00Z")!)   // not before 15:26 IST
    }

    @Test func jobsEndpointAndCLIShowNextFiresAndLastRuns() async throws {
        // The scheduler runs Monday 15:20-15:40 IST at 60× (20 s); control-api reads the same config on the wall clock.
        let stack = try await ServiceStack(overrides: Self.clock("2026-11-23T15:20:00+05:30", speed: 60))
        try stack.start("control-api")
        try stack.start("scheduler-worker")
        let db = stack.database.connect()
        let flattened = await TestEnvironment.eventually(timeout: .seconds(30)) {
            (try? await db.query("SELECT count(*) AS n FROM job_runs WHERE job = 'eod.flatten' AND source = 'schedule'").first?.int("n")) == 1
        }
        let reachable = await TestEnvironment.eventually(timeout: .seconds(15)) { (try? await stack.http("GET", "/health").status) == 200 }
        let (status, body) = try await stack.http("GET", "/jobs")
        let cli = Process()
        cli.executableURL = ServiceStack.binDirectory.appendingPathComponent("aitrapp")
        cli.arguments = ["jobs", "--api", stack.apiBase, "--token", stack.viewerToken]
        let pipe = Pipe()
        cli.standardOutput = pipe
        try cli.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        cli.waitUntilExit()
        await stack.shutdown()

        #expect(flattened && reachable && status == 200)
        struct Body: Decodable {
            struct Job: Decodable { var name: String; var schedule: String; var next_fire_ist: String? }
            struct Run: Decodable { var slot: String; var status: String; var fired_ist: String; var duration_ms: Int? }
            var jobs: [Job]
            var leader: String?
            var last_runs: [String: [Run]]
        }
        let decoded = try JSONDecoder().decode(Body.self, from: Data(body.utf8))
        #expect(Set(decoded.jobs.map(\.name)) == Set(Self.oneOffs + ["chain.refresh"]))
        #expect(decoded.jobs.first { $0.name == "chain.refresh" }?.schedule == "09:15-15:30/1")
        #expect(decoded.jobs.allSatisfy { $0.next_fire_ist?.hasSuffix("+05:30") == true })
        #expect(decoded.jobs.first { $0.name == "eod.flatten" }?.next_fire_ist?.contains("T15:25:00+05:30") == true)
        let flatten = try #require(decoded.last_runs["eod.flatten"]?.first)
        #expect(flatten.slot == "15:25" && flatten.status == "FIRED" && flatten.fired_ist.hasPrefix("2026-11-23T15:25:0")
                && flatten.duration_ms != nil)
        #expect(decoded.leader?.isEmpty == false)
        #expect(cli.terminationStatus == 0)
        #expect(output.contains("eod.flatten") && output.contains("2026-11-23 15:25:0") && output.contains("FIRED schedule"))
    }

    /// A real open position: signal and decision rows, then `decision.approved` to the running executor.
    static func openPosition(stack: ServiceStack, db: PostgresDatabase) async throws {
        let signalId = UUID(), decisionId = UUID()
        let plan = "e2e-eod-\(UUID().uuidString.prefix(8))"
        try await db.withConnection { connection in
            try connection.query("""
                INSERT INTO signals (id, trace, strategy, symbol, side, entry_price, stop_price, target_price, confidence, rationale,
                                     config_sha, bar_start)
                VALUES ($1, 'e2etrace', 'ema_cross', 'NIFTY', 'BUY', 24500, 24400, 24700, 0.6, 'test', 'sha', now())
                """, [signalId])
            try connection.query("""
                INSERT INTO decisions (id, signal_id, client_plan_id, trace, status, mode, symbol, side, lots, lot_size, quantity,
                                       risk_amount, verdicts, config_sha)
                VALUES ($1, $2, $3, 'e2etrace', 'APPROVED', 'PAPER', 'NIFTY', 'BUY', 1, 75, 75, 7500, '[]', 'sha')
                """, [decisionId, signalId, plan])
        }
        let payload = DecisionPayload(decisionId: decisionId, signalId: signalId, clientPlanId: plan, approved: true, symbol: "NIFTY",
                                      side: "BUY", lots: 1, lotSize: 75, quantity: 75, entryPaise: 2_450_000, stopPaise: 2_440_000,
                                      targetPaise: 2_470_000, riskPaise: 750_000, verdicts: [])
        let envelope = Envelope(type: .decisionApproved, ts: Date(), source: "test", trace: "e2etrace", mode: .paper, payload: payload)
        let text = String(decoding: try MessageCoding.makeEncoder().encode(envelope), as: UTF8.self)
        let redis = RedisClientFactory.make(stack.redisURL)
        // No feed runs here: the paper broker fills the entry against the last known price.
        try await redis.set(Channel.Key.lastPrice("NIFTY"), "2450000")
        let opened = await TestEnvironment.eventually(timeout: .seconds(15)) {
            _ = try? await redis.publish(text, to: Channel.decisions)
            return (try? await db.query("SELECT count(*) AS n FROM positions WHERE status = 'OPEN'").first?.int("n")) == 1
        }
        try #require(opened)
    }
}
