import Foundation

/// `control.*` on `control`: an operator command, as audited by control-api.
public struct ControlPayload: Codable, Sendable, Hashable {
    public var actor: String
    public var reason: String?
    /// Set for `control.mode`.
    public var mode: String?
    /// Set for `control.close`: the position to close.
    public var positionId: UUID?

    public init(actor: String, reason: String? = nil, mode: String? = nil, positionId: UUID? = nil) {
        self.actor = actor
        self.reason = reason
        self.mode = mode
        self.positionId = positionId
    }
}
