import Foundation

/// On start (or on becoming leader): every firing of today whose time has passed without a
/// recorded run, with what to do about it under its job's `CatchUpPolicy`. Only today: a
/// previous day's jobs are past helping.
public enum CatchUpPlanner {
    /// - Parameters:
    ///   - recorded: `JobFiring.key`s (`job|slot`) already in `job_runs` for today.
    ///   - openPositions: positions open now (for `eod.flatten`).
    public static func plan(schedule: JobSchedule, now: Date, recorded: Set<String>, openPositions: Int) -> [CatchUpDecision] {
        schedule.firings(onDay: NSESession.dayNumber(now))
            .filter { $0.scheduledAt <= now && !recorded.contains($0.key) }
            .map { firing in
                switch firing.job.catchUp {
                case .run:
                    return CatchUpDecision(firing: firing, verdict: .run)
                case .skip:
                    return CatchUpDecision(firing: firing, verdict: .skip(reason: "superseded by the next slot"))
                case .ifPositionsOpen:
                    return CatchUpDecision(firing: firing, verdict: openPositions > 0 ? .run : .skip(reason: "no open positions"))
                }
            }
    }
}
