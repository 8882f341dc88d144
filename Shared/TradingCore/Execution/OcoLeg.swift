/// The role of an order inside one OCO group.
public enum OcoLeg: String, Codable, Sendable, Hashable, CaseIterable {
    case entry = "ENTRY"
    /// The protective stop (SL-M), always working for exactly the open quantity.
    case stop = "STOP"
    /// TP1: a LIMIT for part of the position (the whole of it without a TP2).
    case target = "TARGET"
    /// TP2: a LIMIT for the rest.
    case target2 = "TARGET2"
    /// A market order that closes the position on flatten / an exit rule / end of day.
    case exit = "EXIT"

    /// The children that close the position once the entry has filled.
    public static let children: [OcoLeg] = [.stop, .target, .target2, .exit]
}
