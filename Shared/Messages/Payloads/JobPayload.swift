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
    /// `schedule` (at its minute) or `catch_up` (late, after downtime); absent = `schedule`.
    public var source: String?

    public init(job: String, tradingDay: String, slot: String, scheduledAt: Date, source: String? = nil) {
        self.job = job
        self.tradingDay = tradingDay
        self.slot = slot
        self.scheduledAt = scheduledAt
        self.source = source
    }
}
