/// What the OCO state machine asks its shell to do. The shell performs the actions in
/// order, records them in Postgres, then publishes.
public enum OcoAction: Hashable, Sendable {
    /// Place the protective stop (SL-M) for `quantity` units.
    case placeStop(quantity: Int, trigger: Paise)
    /// Place the target (LIMIT) for `quantity` units.
    case placeTarget(quantity: Int, price: Paise)
    /// Cancel the working order of this leg.
    case cancel(OcoLeg)
    /// Close what is open at market.
    case placeExit(quantity: Int, reason: ExitReason)
    /// The position is flat; record the trade.
    case closePosition(reason: ExitReason)
}
