import Foundation

/// Decides which jobs are due between two instants. Pure: the caller passes the clock
/// readings, so a test can run a whole day in a loop.
public struct JobSchedule: Sendable {
    public let jobs: [ScheduledJob]

    public init(jobs: [ScheduledJob]) {
        self.jobs = jobs.sorted { ($0.hour, $0.minute, $0.name) < ($1.hour, $1.minute, $1.name) }
    }

    /// Jobs whose scheduled instant lies in `(after, upTo]`, on weekdays, in time order.
    public func due(after: Date, upTo: Date) -> [JobFiring] {
        guard upTo > after else { return [] }
        var firings: [JobFiring] = []
        var day = IST.instant(onDayOf: after, hour: 0, minute: 0)
        while day <= upTo {
            if IST.isWeekday(day) {
                for job in jobs {
                    let at = IST.instant(onDayOf: day, hour: job.hour, minute: job.minute)
                    if at > after && at <= upTo {
                        firings.append(JobFiring(job: job, tradingDay: IST.dayString(day), slot: job.timeString, scheduledAt: at))
                    }
                }
            }
            day = day.addingTimeInterval(86_400)
        }
        return firings
    }
}
