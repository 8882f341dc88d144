/// Why a position was closed.
public enum ExitReason: String, Codable, Sendable, Hashable {
    case stop = "STOP"
    case target = "TARGET"
    case flatten = "FLATTEN"
    case endOfDay = "EOD"
}
