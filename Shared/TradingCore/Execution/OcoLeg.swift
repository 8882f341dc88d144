/// The role of an order inside one OCO group.
public enum OcoLeg: String, Codable, Sendable, Hashable, CaseIterable {
    case entry = "ENTRY"
    case stop = "STOP"
    case target = "TARGET"
    /// A market order that closes the position on flatten / end of day.
    case exit = "EXIT"
}
