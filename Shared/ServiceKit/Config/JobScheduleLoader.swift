import Foundation
import TradingCore

/// The day's jobs from `scheduler_worker.jobs` (the built-in day, `ScheduledJob.defaults`, when
/// the section is absent) with `scheduler_worker.catch_up.<job>` overrides, on the shared
/// trading calendar. Read by scheduler-worker and by control-api (`GET /jobs`).
public enum JobScheduleLoader {
    public static func load(_ config: AppConfig, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> JobSchedule {
        let calendar = try TradingCalendarLoader.load(config, environment: environment).calendar
        let configured = config.section("scheduler_worker.jobs")
        var jobs: [ScheduledJob] = []
        if configured.isEmpty {
            jobs = ScheduledJob.defaults
        } else {
            for (name, time) in configured.sorted(by: { $0.key < $1.key }) {
                guard let job = ScheduledJob(name: name, time: time) else {
                    throw ConfigError.invalidValue(key: "scheduler_worker.jobs.\(name)",
                                                   expected: "an IST time HH:MM, a range HH:MM-HH:MM/N or MON HH:MM, got '\(time)'")
                }
                jobs.append(job)
            }
        }
        for (name, policy) in config.section("scheduler_worker.catch_up") {
            guard let index = jobs.firstIndex(where: { $0.name == name }) else {
                throw ConfigError.invalidValue(key: "scheduler_worker.catch_up.\(name)", expected: "a job of scheduler_worker.jobs")
            }
            guard let parsed = CatchUpPolicy(rawValue: policy) else {
                throw ConfigError.invalidValue(key: "scheduler_worker.catch_up.\(name)", expected: "run, skip or if_positions_open")
            }
            jobs[index].catchUp = parsed
        }
        return JobSchedule(jobs: jobs, calendar: calendar)
    }
}
