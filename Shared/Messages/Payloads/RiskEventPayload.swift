import Foundation

/// `risk.event` on `risk`.
public struct RiskEventPayload: Codable, Sendable, Hashable {
    public var kind: String
    /// INFO, WARNING or CRITICAL.
    public var severity: String
    public var message: String
    /// The numbers behind the event (risk-gate's tripwires: `observed`, `limit`); absent when none.
    public var details: [String: Double]?
    /// Until when entries are halted (risk-gate's `risk.halted`); absent otherwise.
    public var until: Date?

    public init(kind: String, severity: String, message: String, details: [String: Double]? = nil, until: Date? = nil) {
        self.kind = kind
        self.severity = severity
        self.message = message
        self.details = details
        self.until = until
    }
}
