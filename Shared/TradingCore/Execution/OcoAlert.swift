/// An unexpected broker report the OCO machine refused to act on blindly.
public enum OcoAlert: String, Hashable, Sendable, Codable {
    /// A fill for a leg that has no working order (late fill after a cancel).
    case fillForIdleLeg = "fill_for_idle_leg"
    /// A fill larger than what the leg or the position had open; clamped.
    case overfill = "overfill"
    /// The protective stop could not be placed; the position is closed at market.
    case stopRejected = "stop_rejected"
}
