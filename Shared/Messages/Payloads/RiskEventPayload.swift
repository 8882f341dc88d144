/// `risk.event` on `risk`.
public struct RiskEventPayload: Codable, Sendable, Hashable {
    public var kind: String
    /// INFO, WARNING or CRITICAL.
    public var severity: String
    public var message: String

    public init(kind: String, severity: String, message: String) {
        self.kind = kind
        self.severity = severity
        self.message = message
    }
}
