/// A job of the day: its name (the `job` of `job.run`), its IST timing and its catch-up policy.
public struct ScheduledJob: Hashable, Sendable, Codable {
    public var name: String
    public var timing: JobTiming
    public var catchUp: CatchUpPolicy

    public init(name: String, timing: JobTiming, catchUp: CatchUpPolicy? = nil) {
        self.name = name
        self.timing = timing
        self.catchUp = catchUp ?? CatchUpPolicy.defaultPolicy(for: name)
    }

    /// A daily job at `hour:minute` IST.
    public init(name: String, hour: Int, minute: Int) {
        self.init(name: name, timing: .daily(minute: hour * 60 + minute))
    }

    /// Parses a config timing (`"HH:MM"`, `"HH:MM-HH:MM/N"`, `"MON HH:MM"`).
    public init?(name: String, time: String) {
        guard let timing = JobTiming(time) else { return nil }
        self.init(name: name, timing: timing)
    }

    /// The config form of the timing (`"08:30"`, `"09:15-15:30/1"`, `"MON 09:00"`).
    public var timeString: String { timing.text }

    /// The built-in day: the seven jobs.
    public static let defaults: [ScheduledJob] = [
        ScheduledJob(name: "instruments.sync", timing: .daily(minute: 8 * 60 + 30)),
        ScheduledJob(name: "week.reset", timing: .weekStart(minute: 9 * 60)),
        ScheduledJob(name: "session.open", timing: .daily(minute: 9 * 60 + 15)),
        ScheduledJob(name: "chain.refresh", timing: .every(interval: 1, from: 9 * 60 + 15, to: 15 * 60 + 30)),
        ScheduledJob(name: "entries.close", timing: .daily(minute: 15 * 60 + 10)),
        ScheduledJob(name: "eod.flatten", timing: .daily(minute: 15 * 60 + 25)),
        ScheduledJob(name: "eod.report", timing: .daily(minute: 15 * 60 + 35)),
    ]
}
