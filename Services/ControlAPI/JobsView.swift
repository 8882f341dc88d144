import Foundation
import Messages
import PostgresStore
import ServiceKit
import TradingCore

/// `GET /jobs`: each scheduled job with its schedule, catch-up policy and next fire time in
/// IST (from the same config and trading calendar as scheduler-worker), its last runs from
/// `job_runs` (status, source, duration), and the current scheduler leader.
enum JobsView {
    static let runsPerJob = 5

    static func body(schedule: JobSchedule, now: Date, context: ServiceKitContext) async throws -> String {
        let runs = try await context.database.withConnection { db in try JobRunRepository.lastRunsByJobJSON(perJob: runsPerJob, on: db) }
        let leader = try? await context.redis.get(Channel.Key.schedulerLeader)
        let today = NSESession.dayNumber(now)
        let jobs = schedule.jobs.map { job -> String in
            let next = schedule.next(job, after: now).map { JSONResponse.quote(IST.isoString($0.scheduledAt)) } ?? "null"
            return "{\"name\":\(JSONResponse.quote(job.name)),\"schedule\":\(JSONResponse.quote(job.timing.text)),"
                + "\"catch_up\":\(JSONResponse.quote(job.catchUp.rawValue)),\"next_fire_ist\":\(next)}"
        }.joined(separator: ",")
        return "{\"now_ist\":\(JSONResponse.quote(IST.isoString(now))),"
            + "\"trading_day\":\(schedule.calendar.hasFullSession(today)),"
            + "\"leader\":\(leader.flatMap { $0 }.map(JSONResponse.quote) ?? "null"),"
            + "\"jobs\":[\(jobs)],\"last_runs\":\(runs)}"
    }
}
