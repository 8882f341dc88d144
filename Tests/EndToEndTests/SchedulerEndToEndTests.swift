import Foundation
import Messages
import Testing
import TestSupport

/// Two real scheduler-worker processes on a simulated IST clock (one wall second = one
/// hour) run a whole Monday in seconds: each job fires exactly once, at its minute.
@Suite("End to end: scheduler on a driven clock", .serialized)
struct SchedulerEndToEndTests {
    @Test func twoSchedulersFireEachJobOnceOnAWeekday() async throws {
        // Monday 2026-11-23, 08:00 IST; 3600× speed reaches 16:00 IST in 8 s.
        let stack = try await ServiceStack(overrides: [
            "AITRAPP_SCHEDULER_WORKER_CLOCK_START": "2026-11-23T08:00:00+05:30",
            "AITRAPP_SCHEDULER_WORKER_CLOCK_SPEED": "3600",
            "AITRAPP_SCHEDULER_WORKER_TICK_MS": "50",
        ])
        let recorder = try EventRecorder(redisURL: stack.redisURL)
        #expect(await recorder.start())
        try stack.start("scheduler-worker")
        try stack.start("scheduler-worker", instance: "scheduler-worker-2",
                        extraEnvironment: ["AITRAPP_SCHEDULER_WORKER_METRICS_PORT": String(TestEnvironment.freePort())])
        let db = stack.database.connect()
        let fired = await TestEnvironment.eventually(timeout: .seconds(30)) {
            (try? await db.query("SELECT count(*) AS n FROM job_runs").first?.int("n")) == 2
        }
        // A little longer, so a duplicate would have time to appear.
        try await Task.sleep(for: .seconds(1))
        let runs = try await db.query("""
            SELECT job, trading_day::text AS day, slot, scheduled_at, status FROM job_runs ORDER BY scheduled_at
            """)
        let jobEvents = recorder.all.filter { $0.channel == "jobs" && $0.header.type == .job }
        recorder.stop()
        await stack.shutdown()

        #expect(fired)
        #expect(try runs.map { try $0.string("job") } == ["instruments.sync", "eod.flatten"])
        #expect(try runs.map { try $0.string("slot") } == ["08:30", "15:25"])
        #expect(try runs.allSatisfy { try $0.string("day") == "2026-11-23" && $0.string("status") == "FIRED" })
        // 15:25 IST is 09:55 UTC.
        #expect(try runs.last?.date("scheduled_at") == Timestamp.parse("2026-11-23T09:55:00Z"))
        #expect(jobEvents.count == 2)
        let payloads = try jobEvents.map { try MessageCoding.makeDecoder().decode(Envelope<JobPayload>.self, from: Data($0.raw.utf8)).payload }
        #expect(payloads.map(\.job) == ["instruments.sync", "eod.flatten"])
    }
}
