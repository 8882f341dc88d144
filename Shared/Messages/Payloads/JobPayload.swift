import Foundation

/// `job.run` on `jobs`: the scheduler fired a job.
public struct JobPayload: Codable, Sendable, Hashable {
    /// `instruments.sync`, `eod.flatten`, …
    public var job: String
    /// IST day, `yyyy-MM-dd`.
    public var tradingDay: String
    /// IST `HH:MM`.
    public var slot: String
    public var scheduledAt: Date

    public init(job: String, tradingDay: String, slot: String, scheduledAt: Date) {
        self.job = job
        self.tradingDay = tradingDay
        self.slot = slot
        self.scheduledAt = scheduledAt
    }
}
