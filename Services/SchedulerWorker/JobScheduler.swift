import Foundation
import Logging
import Messages
import Metrics
import PostgresStore
import ServiceKit
import ServiceLifecycle
import TradingCore

/// Reads the clock every `tick_ms`, asks the core's `JobSchedule` what fell due since the
/// last reading, claims each run in `job_runs` (the unique key makes it fire once even
/// with two schedulers) and publishes it on `jobs`.
struct JobScheduler: Service {
    let context: ServiceKitContext
    let schedule: JobSchedule
    let tickInterval: Duration

    init(context: ServiceKitContext) throws {
        self.context = context
        var jobs: [ScheduledJob] = []
        let configured = context.config.section("scheduler_worker.jobs")
        let entries = configured.isEmpty ? ["instruments.sync": "08:30", "eod.flatten": "15:25"] : configured
        for (name, time) in entries.sorted(by: { $0.key < $1.key }) {
            guard let job = ScheduledJob(name: name, time: time) else {
                throw ConfigError.invalidValue(key: "scheduler_worker.jobs.\(name)", expected: "an IST time HH:MM")
            }
            jobs.append(job)
        }
        schedule = JobSchedule(jobs: jobs)
        tickInterval = .milliseconds(max(10, try context.config.int("scheduler_worker.tick_ms", default: 1000)))
    }

    func run() async throws {
        var last = context.clock.now()
        context.logger.info("scheduler started", metadata: [
            "scheduler.now_ist": "\(IST.dayString(last)) \(IST.minuteOfDay(last) / 60):\(IST.minuteOfDay(last) % 60)",
            "scheduler.jobs": "\(schedule.jobs.map { "\($0.name)@\($0.timeString)" })",
        ])
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await Task.sleep(for: tickInterval)
            let now = context.clock.now()
            var reached = now
            for firing in schedule.due(after: last, upTo: now) where !(await fire(firing, at: now)) {
                // Not recorded or not published: stop just before it, so the next pass retries it.
                reached = firing.scheduledAt.addingTimeInterval(-0.000_001)
                break
            }
            last = reached
        }
    }

    /// True when the run is recorded and published (or another scheduler already fired it).
    private func fire(_ firing: JobFiring, at now: Date) async -> Bool {
        let trace = TraceID.make()
        do {
            let claimed = try await context.database.withConnection { db in
                try JobRunRepository.claim(job: firing.job.name, tradingDay: firing.tradingDay, slot: firing.slot,
                                           scheduledAt: firing.scheduledAt, firedAt: now, on: db)
            }
            guard claimed else {
                context.logger.info("job already fired", metadata: ["job.name": "\(firing.job.name)", "job.day": "\(firing.tradingDay)"])
                return true
            }
            Counter(label: "aitrapp_jobs_fired_total", dimensions: [("job", firing.job.name)]).increment()
            context.logger.info("job fired", metadata: ["trace": "\(trace)", "job.name": "\(firing.job.name)",
                                                        "job.day": "\(firing.tradingDay)", "job.slot": "\(firing.slot)"])
            let published = await context.bus.publish(.job, on: Channel.jobs, trace: trace, mode: .paper, payload: JobPayload(
                job: firing.job.name, tradingDay: firing.tradingDay, slot: firing.slot, scheduledAt: firing.scheduledAt))
            guard published else {
                // Give the slot back so this or another scheduler fires it again.
                try await context.database.withConnection { db in
                    try JobRunRepository.release(job: firing.job.name, tradingDay: firing.tradingDay, slot: firing.slot, on: db)
                }
                return false
            }
            return true
        } catch {
            context.logger.error("job could not be recorded, will retry", metadata: ["job.name": "\(firing.job.name)", "error": "\(error)"])
            return false
        }
    }
}
