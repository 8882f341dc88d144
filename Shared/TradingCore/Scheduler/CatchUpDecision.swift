/// What to do now with one run that was missed today.
public struct CatchUpDecision: Hashable, Sendable {
    public enum Verdict: Hashable, Sendable {
        case run
        case skip(reason: String)
    }

    public var firing: JobFiring
    public var verdict: Verdict

    public init(firing: JobFiring, verdict: Verdict) {
        self.firing = firing
        self.verdict = verdict
    }

    /// A skipped one-off run is recorded (status `SKIPPED`); a skipped repeating slot is not.
    public var recordsSkip: Bool {
        if case .skip = verdict { return !firing.job.timing.isRepeating }
        return false
    }
}
