import Foundation

/// A job due to fire: which job, on which IST trading day, for which slot, at what instant.
public struct JobFiring: Hashable, Sendable {
    public var job: ScheduledJob
    /// `yyyy-MM-dd` in IST.
    public var tradingDay: String
    /// `HH:MM` in IST; with the day it makes the run unique.
    public var slot: String
    public var scheduledAt: Date
}
