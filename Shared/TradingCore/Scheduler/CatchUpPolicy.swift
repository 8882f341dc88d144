/// What a scheduler that starts (or becomes leader) late does with a job whose time passed
/// today without a recorded run.
public enum CatchUpPolicy: String, Hashable, Sendable, Codable {
    /// Run it now (`instruments.sync`, `session.open`, `eod.report`, …).
    case run
    /// Skip it: the next slot supersedes it (`chain.refresh`).
    case skip
    /// Run it now only when positions are open (`eod.flatten`).
    case ifPositionsOpen = "if_positions_open"

    /// The built-in policy of a job by name.
    public static func defaultPolicy(for job: String) -> CatchUpPolicy {
        switch job {
        case "chain.refresh": return .skip
        case "eod.flatten": return .ifPositionsOpen
        default: return .run
        }
    }
}
