/// What the exit tracker asks of the OCO group.
public enum ExitSignal: Hashable, Sendable {
    /// Move the stop (the ATR trail); the OCO group applies it only in the trade's favour.
    case moveStop(to: Paise, reason: ExitReason)
    /// Close the whole position at market.
    case exit(ExitReason)

    /// The OCO event that carries it out.
    public var ocoEvent: OcoGroup.Event {
        switch self {
        case .moveStop(let trigger, let reason): return .moveStop(to: trigger, reason: reason)
        case .exit(let reason): return .exit(reason)
        }
    }
}
