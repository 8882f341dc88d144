/// Deterministic idempotency keys. A replayed signal maps to the same plan id and a
/// replayed decision to the same order ids, and the unique keys in Postgres make the
/// replay a no-op.
public enum ClientIds {
    /// `P-` and 24 hex digits of SHA-256(signal id | config sha).
    public static func plan(signalId: String, configSha: String) -> String {
        "P-" + SHA256.hex(signalId + "|" + configSha).prefix(24)
    }

    /// `<plan>-E`, `<plan>-S`, `<plan>-T`, `<plan>-X` for entry, stop, target and exit.
    public static func order(plan: String, leg: OcoLeg) -> String {
        let suffix: String
        switch leg {
        case .entry: suffix = "E"
        case .stop: suffix = "S"
        case .target: suffix = "T"
        case .exit: suffix = "X"
        }
        return plan + "-" + suffix
    }
}
