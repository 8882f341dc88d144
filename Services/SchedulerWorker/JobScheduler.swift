import Foundation
import Logging
import Messages
import Metrics
import PostgresStore
import ServiceKit
import ServiceLifecycle
import TradingCore

/// Every `tick_ms`: keeps (or tries to take) the leader lock; while leading, asks the core's
/// `JobSchedule` what fell due since the last reading, claims each run in `job_runs` (the
/// unique key makes it fire once even if two instances both believe they lead) and publishes
/// it on `jobs`. On becoming leader (at start too) it first catches up today's missed runs
/// (`CatchUpPlanner`). `eod.report` is handled here (`EODReporter`).
struct JobScheduler: Service {
    let context: ServiceKitContext
    let settings: SchedulerSettings
    let lock: LeaderLock
    let reporter: EODReporter
    let token: String

    init(context: ServiceKitContext, settings: SchedulerSettings) {
        self.context = context
        self.settings = settings
        lock = LeaderLock(redis: context.redis)
        reporter = EODReporter(context: context)
        token = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
    }

    var schedule: JobSchedule { settings.schedule }

    func run() async throws {
        var election = LeaderElection(token: token, ttl: settings.leaderTTL, renewInterval: settings.leaderRenew)
        let start = context.clock.now()
        var last = start
        var leading = false
        let year = TradingCalendar.year(ofDay: NSESession.dayNumber(start))
        if !schedule.calendar.covers(year: year) {
            context.logger.warning("trading calendar has no holiday list for this year: weekdays count as trading days", metadata: [
                "calendar.year": "\(year)"])
        }
        context.logger.info("scheduler started", metadata: [
            "scheduler.now_ist": "\(IST.dayString(start)) \(JobTiming.hhmm(IST.minuteOfDay(start)))",
            "scheduler.jobs": "\(schedule.jobs.map { "\($0.name)@\($0.timing.text)" })",
            "scheduler.token": "\(token)",
        ])
        let leaderGauge = Gauge(label: "aitrapp_scheduler_leader")
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let wall = Date()
            let (action, lapse) = election.tick(now: wall)
            if case .lostLeadership(let reason) = lapse { logLoss(reason) }
            if let outcome = await lock.perform(action), let change = election.record(outcome, at: wall) {
                if case .lostLeadership(let reason) = change { logLoss(reason) }
            }
            let now = context.clock.now()
            if !election.canFire(at: Date()) {
                leading = false
                leaderGauge.record(0)
                last = now
            } else if !leading {
                context.logger.notice("scheduler leads", metadata: ["scheduler.token": "\(token)"])
                leaderGauge.record(1)
                leading = await catchUp(now: now, election: election)
                if leading { last = now }
            } else {
                var reached = now
                for firing in schedule.due(after: last, upTo: now) {
                    // Losing the lock mid-batch stops firing at once.
                    guard election.canFire(at: Date()), await fire(firing, at: now, source: "schedule") else {
                        // Not recorded or not published: stop just before it, so the next pass retries it.
                        reached = firing.scheduledAt.addingTimeInterval(-0.000_001)
                        break
                    }
                }
                last = reached
            }
            try? await Task.sleep(for: settings.tickInterval)
        }
        if election.isLeader { await lock.release(token: token) }
    }

    private func logLoss(_ reason: String) {
        context.logger.warning("scheduler lost leadership", metadata: ["scheduler.token": "\(token)", "scheduler.reason": "\(reason)"])
    }

    /// Today's runs whose time passed without a row in `job_runs`: run, skip or record a skip,
    /// as `CatchUpPlanner` says. False when Postgres could not be read (retried next tick).
    private func catchUp(now: Date, election: LeaderElection) async -> Bool {
        let today = IST.dayString(now)
        let state: (Set<String>, Int)
        do {
            state = try await context.database.withConnection { db in
                (try JobRunRepository.keys(tradingDay: today, on: db), try PositionRepository.openCount(on: db))
            }
        } catch {
            context.logger.error("catch-up could not read job_runs, will retry", metadata: ["error": "\(error)"])
            return false
        }
        let decisions = CatchUpPlanner.plan(schedule: schedule, now: now, recorded: state.0, openPositions: state.1)
        var skippedSlots = 0
        for decision in decisions {
            let firing = decision.firing
            switch decision.verdict {
            case .run:
                guard election.canFire(at: Date()), await fire(firing, at: now, source: "catch_up") else { return false }
            case .skip(let reason):
                guard decision.recordsSkip else { skippedSlots += 1; continue }
                _ = try? await context.database.withConnection { db in
                    try JobRunRepository.recordSkip(job: firing.job.name, tradingDay: firing.tradingDay, slot: firing.slot,
                                                    scheduledAt: firing.scheduledAt, at: now, detail: reason, on: db)
                }
                context.logger.info("missed job skipped", metadata: ["job.name": "\(firing.job.name)", "job.slot": "\(firing.slot)",
                                                                      "job.reason": "\(reason)"])
            }
        }
        context.logger.info("catch-up done", metadata: [
            "catchup.day": "\(today)", "catchup.decisions": "\(decisions.count)", "catchup.skipped_slots": "\(skippedSlots)",
            "catchup.open_positions": "\(state.1)"])
        return true
    }

    /// True when the run is recorded and published (or another scheduler already fired it).
    private func fire(_ firing: JobFiring, at now: Date, source: String) async -> Bool {
        let trace = TraceID.make()
        let job = firing.job.name
        let began = Date()
        do {
            let claimed = try await context.database.withConnection { db in
                try JobRunRepository.claim(job: job, tradingDay: firing.tradingDay, slot: firing.slot,
                                           scheduledAt: firing.scheduledAt, firedAt: now, source: source, on: db)
            }
            guard claimed else {
                context.logger.info("job already fired", metadata: ["job.name": "\(job)", "job.day": "\(firing.tradingDay)",
                                                                    "job.slot": "\(firing.slot)"])
                return true
            }
            Counter(label: "aitrapp_jobs_fired_total", dimensions: [("job", job), ("source", source)]).increment()
            context.logger.info("job fired", metadata: ["trace": "\(trace)", "job.name": "\(job)", "job.day": "\(firing.tradingDay)",
                                                        "job.slot": "\(firing.slot)", "job.source": "\(source)"])
            let published = await context.bus.publish(.job, on: Channel.jobs, trace: trace, mode: .paper, payload: JobPayload(
                job: job, tradingDay: firing.tradingDay, slot: firing.slot, scheduledAt: firing.scheduledAt, source: source))
            guard published else {
                // Give the slot back so this or another scheduler fires it again.
                try await context.database.withConnection { db in
                    try JobRunRepository.release(job: job, tradingDay: firing.tradingDay, slot: firing.slot, on: db)
                }
                return false
            }
            await complete(firing, trace: trace, now: now, began: began)
            return true
        } catch {
            context.logger.error("job could not be recorded, will retry", metadata: ["job.name": "\(job)", "error": "\(error)"])
            return false
        }
    }

    /// Runs the scheduler's own handler (`eod.report`) and records the outcome and duration;
    /// for the other jobs the duration is the time to record and publish them.
    private func complete(_ firing: JobFiring, trace: String, now: Date, began: Date) async {
        var status = "FIRED"
        var detail: String?
        if firing.job.name == "eod.report" {
            do {
                let report = try await reporter.report(tradingDay: firing.tradingDay, trace: trace, at: now)
                status = "DONE"
                detail = "\(report.trades) trades, net \(Paise(report.netPnlPaise).rupeeString)"
            } catch {
                status = "FAILED"
                detail = "\(error)"
                context.logger.error("eod report failed", metadata: ["trace": "\(trace)", "error": "\(error)"])
            }
        }
        // finished_at − fired_at is the wall time the run took.
        let finished = now.addingTimeInterval(Date().timeIntervalSince(began))
        let (finalStatus, finalDetail) = (status, detail)
        _ = try? await context.database.withConnection { db in
            try JobRunRepository.finish(job: firing.job.name, tradingDay: firing.tradingDay, slot: firing.slot, status: finalStatus,
                                        finishedAt: finished, detail: finalDetail, on: db)
        }
    }
}
