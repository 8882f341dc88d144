/// What the OCO state machine asks its shell to do. The shell performs the actions in
/// order, records them in Postgres, then publishes. Quantities are the units an order
/// must have *left to fill* after the action.
public enum OcoAction: Hashable, Sendable {
    /// Place the protective stop (SL-M) for `quantity` units.
    case placeStop(quantity: Int, trigger: Paise)
    /// Place a target (LIMIT) leg (`.target` or `.target2`).
    case placeTarget(OcoLeg, quantity: Int, price: Paise)
    /// Change the working stop to `quantity` units left, triggered at `trigger`.
    case modifyStop(quantity: Int, trigger: Paise)
    /// Change a working target to `quantity` units left.
    case modifyTarget(OcoLeg, quantity: Int)
    /// Cancel the working order of this leg.
    case cancel(OcoLeg)
    /// Close what is open at market.
    case placeExit(quantity: Int, reason: ExitReason)
    /// The position is flat; record the trade.
    case closePosition(reason: ExitReason)
    /// Something the broker did that the plan did not expect (a fill for a leg that is
    /// not working, more than is open); the shell raises a CRITICAL risk event.
    case alert(OcoAlert)
}
