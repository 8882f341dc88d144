/// Deterministic idempotency keys. A replayed signal maps to the same plan id and a
/// replayed decision to the same order ids, and the unique keys in Postgres make the
/// replay a no-op.
public enum ClientIds {
    /// `P-` and 24 hex digits of SHA-256(signal id | config sha).
    public static func plan(signalId: String, configSha: String) -> String {
        "P-" + SHA256.hex(signalId + "|" + configSha).prefix(24)
    }

    /// `<plan>-E`, `<plan>-S`, `<plan>-T`, `<plan>-T2`, `<plan>-X` for entry, stop, TP1, TP2 and exit.
    public static func order(plan: String, leg: OcoLeg) -> String {
        let suffix: String
        switch leg {
        case .entry: suffix = "E"
        case .stop: suffix = "S"
        case .target: suffix = "T"
        case .target2: suffix = "T2"
        case .exit: suffix = "X"
        }
        return plan + "-" + suffix
    }

    /// One slice of a leg split at the freeze quantity: the first keeps the leg's id,
    /// later ones add `-2`, `-3`, …, so every slice is unique and a replay maps to the same ids.
    public static func order(plan: String, leg: OcoLeg, slice: Int) -> String {
        slice <= 1 ? order(plan: plan, leg: leg) : order(plan: plan, leg: leg) + "-\(slice)"
    }

    /// A later generation of a leg (a stop re-placed after a rejection or a restart):
    /// `<plan>-S`, then `<plan>-S.2`, `<plan>-S.3`, …
    public static func order(plan: String, leg: OcoLeg, generation: Int) -> String {
        generation <= 1 ? order(plan: plan, leg: leg) : order(plan: plan, leg: leg) + ".\(generation)"
    }
}
