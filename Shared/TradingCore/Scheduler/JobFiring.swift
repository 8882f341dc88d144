import Foundation

/// A job due to fire: which job, on which IST trading day, for which slot, at what instant.
public struct JobFiring: Hashable, Sendable {
    public var job: ScheduledJob
    /// `yyyy-MM-dd` in IST.
    public var tradingDay: String
    /// `HH:MM` in IST; with the job and the day it makes the run unique.
    public var slot: String
    public var scheduledAt: Date

    public init(job: ScheduledJob, tradingDay: String, slot: String, scheduledAt: Date) {
        self.job = job
        self.tradingDay = tradingDay
        self.slot = slot
        self.scheduledAt = scheduledAt
    }

    /// `job|slot`: the run's key within its day.
    public var key: String { "\(job.name)|\(slot)" }
}
