/// One entry with its protective stop and its target, as a value-type state machine.
///
/// The entry fill places a stop and a target sized to the *filled* quantity; a fill of
/// either child cancels its sibling; flatten cancels both and exits at market. Events
/// that do not apply in the current state return no action, so a replayed or late
/// broker update can never double-close. Invariants: while `open`, exactly the stop
/// and the target are working for `openQuantity`; once `closed`, nothing is working.
public struct OcoGroup: Hashable, Sendable {
    public enum State: Hashable, Sendable {
        case awaitingEntry
        case open
        case closing(ExitReason)
        case closed(ExitReason)
    }

    public enum Event: Hashable, Sendable {
        case entryFilled(quantity: Int, price: Paise)
        case legFilled(OcoLeg, price: Paise)
        case flatten(ExitReason)
    }

    public let side: Side
    public let stop: Paise
    public let target: Paise
    public private(set) var state: State
    public private(set) var openQuantity: Int
    public private(set) var entryPrice: Paise?
    public private(set) var workingLegs: Set<OcoLeg>

    public init(side: Side, stop: Paise, target: Paise) {
        self.side = side
        self.stop = stop
        self.target = target
        self.state = .awaitingEntry
        self.openQuantity = 0
        self.workingLegs = [.entry]
    }

    /// Rebuilds a group whose entry has filled and whose children are working, as read
    /// back from Postgres after a restart.
    public static func restored(side: Side, stop: Paise, target: Paise, quantity: Int, entryPrice: Paise) -> OcoGroup {
        var group = OcoGroup(side: side, stop: stop, target: target)
        group.state = .open
        group.openQuantity = quantity
        group.entryPrice = entryPrice
        group.workingLegs = [.stop, .target]
        return group
    }

    public mutating func handle(_ event: Event) -> [OcoAction] {
        switch (state, event) {
        case (.awaitingEntry, .entryFilled(let quantity, let price)) where quantity > 0:
            state = .open
            openQuantity = quantity
            entryPrice = price
            workingLegs = [.stop, .target]
            return [.placeStop(quantity: quantity, trigger: stop), .placeTarget(quantity: quantity, price: target)]

        case (.awaitingEntry, .flatten(let reason)):
            state = .closed(reason)
            workingLegs = []
            return [.cancel(.entry)]

        case (.open, .legFilled(.stop, _)):
            return close(by: .stop, cancelling: .target)

        case (.open, .legFilled(.target, _)):
            return close(by: .target, cancelling: .stop)

        case (.open, .flatten(let reason)):
            state = .closing(reason)
            workingLegs = [.exit]
            return [.cancel(.stop), .cancel(.target), .placeExit(quantity: openQuantity, reason: reason)]

        case (.closing(let reason), .legFilled(.exit, _)):
            state = .closed(reason)
            workingLegs = []
            return [.closePosition(reason: reason)]

        default:
            return []
        }
    }

    private mutating func close(by reason: ExitReason, cancelling sibling: OcoLeg) -> [OcoAction] {
        state = .closed(reason)
        workingLegs = []
        return [.cancel(sibling), .closePosition(reason: reason)]
    }

    public var isOpen: Bool {
        if case .open = state { return true }
        return false
    }
}
