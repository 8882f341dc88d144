import Foundation
import ServiceKit
import TradingCore

/// scheduler-worker's configuration: the jobs (`scheduler_worker.jobs`, the built-in day when
/// absent), catch-up overrides (`scheduler_worker.catch_up.<job>`), the leader lock's expiry and
/// renewal, the tick, and the shared trading calendar. Every error names its key.
struct SchedulerSettings: Sendable {
    var schedule: JobSchedule
    var tickInterval: Duration
    var leaderTTL: Double
    var leaderRenew: Double

    init(config: AppConfig) throws {
        schedule = try JobScheduleLoader.load(config)
        tickInterval = .milliseconds(max(10, try config.int("scheduler_worker.tick_ms", default: 1000)))
        let ttl = try config.int("scheduler_worker.leader_ttl_ms", default: 6000)
        let renew = try config.int("scheduler_worker.leader_renew_ms", default: 2000)
        guard renew >= 50, ttl > 2 * renew else {
            throw ConfigError.invalidValue(key: "scheduler_worker.leader_ttl_ms",
                                           expected: "more than twice scheduler_worker.leader_renew_ms (≥ 50), got \(ttl) and \(renew)")
        }
        leaderTTL = Double(ttl) / 1000
        leaderRenew = Double(renew) / 1000
    }
}
