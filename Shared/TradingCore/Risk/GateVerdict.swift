/// One gate's verdict with the numbers behind it.
public struct GateVerdict: Hashable, Sendable, Codable {
    public var gate: String
    public var passed: Bool
    public var detail: String

    public init(gate: String, passed: Bool, detail: String) {
        self.gate = gate
        self.passed = passed
        self.detail = detail
    }
}
