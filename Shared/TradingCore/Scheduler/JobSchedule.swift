import Foundation

/// Decides which jobs are due between two instants, on the trading calendar's full-session
/// days only. Pure: the caller passes the clock readings, so a test can run a whole day in a loop.
public struct JobSchedule: Sendable {
    public let jobs: [ScheduledJob]
    public let calendar: TradingCalendar

    public init(jobs: [ScheduledJob], calendar: TradingCalendar = TradingCalendar()) {
        self.jobs = jobs.sorted { ($0.timing.firstMinute, $0.name) < ($1.timing.firstMinute, $1.name) }
        self.calendar = calendar
    }

    /// Every firing of IST day `day`, in time order (a one-off job before a repeating one in the same minute).
    public func firings(onDay day: Int64) -> [JobFiring] {
        let dayText = TradingCalendar.dayString(day)
        return jobs.flatMap { job in
            job.timing.minutes(onDay: day, calendar: calendar).map { minute in
                JobFiring(job: job, tradingDay: dayText, slot: JobTiming.hhmm(minute),
                          scheduledAt: TradingCalendar.instant(day: day, minute: minute))
            }
        }.sorted { ($0.scheduledAt, $0.job.timing.isRepeating ? 1 : 0, $0.job.name) < ($1.scheduledAt, $1.job.timing.isRepeating ? 1 : 0, $1.job.name) }
    }

    /// Firings whose scheduled instant lies in `(after, upTo]`, in time order.
    public func due(after: Date, upTo: Date) -> [JobFiring] {
        guard upTo > after else { return [] }
        let first = NSESession.dayNumber(after), last = NSESession.dayNumber(upTo)
        return (first...last).flatMap { day in
            firings(onDay: day).filter { $0.scheduledAt > after && $0.scheduledAt <= upTo }
        }
    }

    /// The job's next firing strictly after `now` (looking up to 60 days ahead).
    public func next(_ job: ScheduledJob, after now: Date) -> JobFiring? {
        let today = NSESession.dayNumber(now)
        for day in today..<(today + 60) {
            if let firing = firings(onDay: day).first(where: { $0.job.name == job.name && $0.scheduledAt > now }) { return firing }
        }
        return nil
    }
}
