/// One gate's verdict with the numbers behind it: `observed` against `limit` (in the unit the
/// detail names) when the gate compares numbers.
public struct GateVerdict: Hashable, Sendable, Codable {
    public var gate: String
    public var passed: Bool
    public var detail: String
    public var observed: Double?
    public var limit: Double?

    public init(gate: String, passed: Bool, detail: String, observed: Double? = nil, limit: Double? = nil) {
        self.gate = gate
        self.passed = passed
        self.detail = detail
        self.observed = observed
        self.limit = limit
    }
}
