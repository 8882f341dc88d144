/// One entry with its protective stop and two targets, as a value-type state machine.
///
/// - Every (partial) entry fill sizes the children to what has *filled*: a stop (SL-M)
///   for the whole open quantity, TP1 (LIMIT) for `target1Quantity` and TP2 for the rest.
/// - A TP1 fill shrinks the stop to what is left and, once TP1 is complete, moves it to
///   the average entry price (breakeven). It never cancels the stop.
/// - A TP2 fill, or the stop filling the position, cancels everything left (a TP2 with
///   TP1 still working closes the remainder at market).
/// - An exit (flatten, exit rule, end of day) cancels every child and closes at market.
///
/// Invariants (`violations` lists any that fail): while `open`, the stop is working for
/// exactly `openQuantity` and the targets together for no more than that; children never
/// close more than has filled; once `closed` nothing is working. Events that do not
/// apply return no action, so a replayed or late broker update can never double-close.
public struct OcoGroup: Hashable, Sendable {
    public enum State: Hashable, Sendable {
        /// No entry fill yet.
        case awaitingEntry
        case open
        /// An exit order is working for the open quantity.
        case closing(ExitReason)
        case closed(ExitReason)
        /// The entry ended without any fill.
        case cancelled
    }

    public enum Event: Hashable, Sendable {
        /// An incremental fill of the entry.
        case entryFilled(quantity: Int, price: Paise)
        /// The entry will fill no further (complete, cancelled or rejected for the rest).
        case entryEnded
        /// An incremental fill of a child.
        case legFilled(OcoLeg, quantity: Int, price: Paise)
        /// A child could not be placed (after the shell's retries).
        case legRejected(OcoLeg)
        /// Move the stop (trailing); applied only in the position's favour.
        case moveStop(to: Paise, reason: ExitReason)
        /// Close everything at market (flatten, an exit rule, end of day).
        case exit(ExitReason)
    }

    public let plan: OcoPlan
    public private(set) var state: State = .awaitingEntry
    public private(set) var entryFilledQuantity = 0
    /// Σ price × units of the entry fills, for the average.
    public private(set) var entryNotionalPaise: Int64 = 0
    public private(set) var closedQuantity = 0
    /// Σ price × units of the closing fills, for the average exit.
    public private(set) var exitNotionalPaise: Int64 = 0
    /// Units still to fill of each working order.
    public private(set) var working: [OcoLeg: Int]
    public private(set) var stopTrigger: Paise
    /// What a stop fill is recorded as now (moves from STOP to BREAKEVEN_STOP / TRAILING_STOP).
    public private(set) var stopReason: ExitReason = .stop
    /// Units of TP1 that have filled.
    public private(set) var target1FilledQuantity = 0

    public init(plan: OcoPlan) {
        self.plan = plan
        self.stopTrigger = plan.stop
        self.working = [.entry: plan.quantity]
    }

    public var side: Side { plan.side }
    public var openQuantity: Int { entryFilledQuantity - closedQuantity }
    public var workingLegs: Set<OcoLeg> { Set(working.keys) }
    /// The average entry price, once anything filled.
    public var entryPrice: Paise? {
        entryFilledQuantity > 0 ? Paise(roundedDivision(entryNotionalPaise, Int64(entryFilledQuantity))) : nil
    }
    /// The average price of everything that closed the position.
    public var averageExitPrice: Paise? {
        closedQuantity > 0 ? Paise(roundedDivision(exitNotionalPaise, Int64(closedQuantity))) : nil
    }
    public var isOpen: Bool { state == .open }
    public var isFinished: Bool {
        switch state {
        case .closed, .cancelled: return true
        default: return false
        }
    }

    public mutating func handle(_ event: Event) -> [OcoAction] {
        switch event {
        case .entryFilled(let quantity, let price): return entryFilled(quantity: quantity, price: price)
        case .entryEnded: return entryEnded()
        case .legFilled(let leg, let quantity, let price): return legFilled(leg, quantity: quantity, price: price)
        case .legRejected(let leg): return legRejected(leg)
        case .moveStop(let trigger, let reason): return moveStop(to: trigger, reason: reason)
        case .exit(let reason): return exit(reason)
        }
    }

    // MARK: Entry

    private mutating func entryFilled(quantity requested: Int, price: Paise) -> [OcoAction] {
        guard requested > 0, price > .zero else { return [] }
        // A fill that raced the entry's cancel while closing is real: it is closed too.
        let left = working[.entry] ?? (isClosing ? plan.quantity - entryFilledQuantity : 0)
        guard left > 0 else { return [.alert(.fillForIdleLeg)] }
        var actions: [OcoAction] = []
        let quantity = min(requested, left)
        if quantity < requested { actions.append(.alert(.overfill)) }
        if working[.entry] != nil { working[.entry] = left - quantity == 0 ? nil : left - quantity }
        entryFilledQuantity += quantity
        entryNotionalPaise += price.value * Int64(quantity)
        switch state {
        case .awaitingEntry:
            state = .open
            return actions + resizeChildren()
        case .open:
            return actions + resizeChildren()
        case .closing(let reason):
            // Filled while closing: the exit grows by what just filled.
            working[.exit, default: 0] += quantity
            return actions + [.placeExit(quantity: quantity, reason: reason)]
        case .closed, .cancelled:
            return actions
        }
    }

    private mutating func entryEnded() -> [OcoAction] {
        guard working.removeValue(forKey: .entry) != nil else { return [] }
        if state == .awaitingEntry { state = .cancelled }
        return []
    }

    /// Brings the stop and targets to the sizes the filled quantity asks for.
    private mutating func resizeChildren() -> [OcoAction] {
        var actions: [OcoAction] = []
        let open = openQuantity
        if target1FilledQuantity > 0 && working[.target] == nil && stopReason == .breakevenStop, let breakeven = entryPrice {
            // TP1 is done; a top-up of the entry keeps the stop at the (new) average entry.
            stopTrigger = breakeven
            stopReason = .breakevenStop
        }
        if let current = working[.stop] {
            if current != open { actions.append(.modifyStop(quantity: open, trigger: stopTrigger)) }
        } else {
            actions.append(.placeStop(quantity: open, trigger: stopTrigger))
        }
        working[.stop] = open

        let tp1Done = target1FilledQuantity > 0 && working[.target] == nil
        // After a partial stop fill the plan's TP1 may exceed what is open: never more than that.
        let tp1Left = tp1Done ? 0 : min(open, max(0, plan.target1Quantity(filled: entryFilledQuantity) - target1FilledQuantity))
        let tp2Left = plan.target2 == nil ? 0 : max(0, open - tp1Left)
        actions += size(.target, to: tp1Left, price: plan.target1)
        if let target2 = plan.target2 { actions += size(.target2, to: tp2Left, price: target2) }
        return actions
    }

    private mutating func size(_ leg: OcoLeg, to quantity: Int, price: Paise) -> [OcoAction] {
        switch (working[leg], quantity) {
        case (nil, let q) where q > 0:
            working[leg] = q
            return [.placeTarget(leg, quantity: q, price: price)]
        case (.some, let q) where q <= 0:
            working[leg] = nil
            return [.cancel(leg)]
        case (let current?, let q) where current != q:
            working[leg] = q
            return [.modifyTarget(leg, quantity: q)]
        default:
            return []
        }
    }

    // MARK: Children

    private mutating func legFilled(_ leg: OcoLeg, quantity requested: Int, price: Paise) -> [OcoAction] {
        guard leg != .entry else { return entryFilled(quantity: requested, price: price) }
        guard requested > 0, price > .zero else { return [] }
        guard let left = working[leg], isOpen || isClosing else { return [.alert(.fillForIdleLeg)] }
        var actions: [OcoAction] = []
        let quantity = min(requested, left, openQuantity)
        if quantity < requested { actions.append(.alert(.overfill)) }
        working[leg] = left - quantity == 0 ? nil : left - quantity
        closedQuantity += quantity
        exitNotionalPaise += price.value * Int64(quantity)
        if leg == .target { target1FilledQuantity += quantity }

        if openQuantity == 0 {
            let reason: ExitReason
            switch (leg, state) {
            case (_, .closing(let closingReason)): reason = closingReason
            case (.stop, _): reason = stopReason
            case (.target2, _): reason = .target2
            case (.target, _): reason = plan.target2 == nil ? .target : .target2
            default: reason = .flatten
            }
            return actions + finish(reason)
        }
        guard isOpen else { return actions }   // closing: the exit order is working for the rest

        switch leg {
        case .target:
            if working[.target] == nil, let breakeven = entryPrice,
               plan.isInFavour(breakeven, comparedWith: stopTrigger) {
                stopTrigger = breakeven
                stopReason = .breakevenStop
            }
            working[.stop] = openQuantity
            return actions + [.modifyStop(quantity: openQuantity, trigger: stopTrigger)]
        case .target2 where working[.target2] == nil:
            // TP2 is complete: whatever TP1 had not closed goes at market.
            return actions + exit(.target2)
        case .target2:
            working[.stop] = openQuantity
            return actions + [.modifyStop(quantity: openQuantity, trigger: stopTrigger)]
        case .stop:
            // A partial stop fill: the stop's remainder is what is open; targets shrink to fit.
            var excess = (working[.target] ?? 0) + (working[.target2] ?? 0) - openQuantity
            for target in [OcoLeg.target2, .target] where excess > 0 {
                guard let current = working[target] else { continue }
                let cut = min(current, excess)
                excess -= cut
                actions += size(target, to: current - cut, price: target == .target ? plan.target1 : plan.target2 ?? plan.target1)
            }
            return actions
        case .entry, .exit:
            return actions
        }
    }

    private mutating func legRejected(_ leg: OcoLeg) -> [OcoAction] {
        guard working.removeValue(forKey: leg) != nil else { return [] }
        switch (leg, state) {
        case (.entry, .awaitingEntry):
            state = .cancelled
            return []
        case (.stop, .open):
            // Never leave a naked position: close it at market.
            return [.alert(.stopRejected)] + exit(.stopRejected)
        case (.exit, .closing(let reason)):
            // The close must happen: ask for it again.
            working[.exit] = openQuantity
            return [.placeExit(quantity: openQuantity, reason: reason)]
        default:
            return []
        }
    }

    private mutating func moveStop(to trigger: Paise, reason: ExitReason) -> [OcoAction] {
        guard isOpen, working[.stop] != nil, plan.isInFavour(trigger, comparedWith: stopTrigger) else { return [] }
        stopTrigger = trigger
        stopReason = reason
        return [.modifyStop(quantity: openQuantity, trigger: trigger)]
    }

    private mutating func exit(_ reason: ExitReason) -> [OcoAction] {
        switch state {
        case .awaitingEntry:
            state = .cancelled
            working = [:]
            return [.cancel(.entry)]
        case .open:
            var actions = cancelAll(except: [])
            state = .closing(reason)
            working = [.exit: openQuantity]
            actions.append(.placeExit(quantity: openQuantity, reason: reason))
            return actions
        case .closing, .closed, .cancelled:
            return []   // a second exit joins the one under way
        }
    }

    private mutating func finish(_ reason: ExitReason) -> [OcoAction] {
        let actions = cancelAll(except: [])
        state = .closed(reason)
        return actions + [.closePosition(reason: reason)]
    }

    private mutating func cancelAll(except kept: Set<OcoLeg>) -> [OcoAction] {
        let order: [OcoLeg] = [.entry, .target, .target2, .stop, .exit]
        let cancels = order.filter { working[$0] != nil && !kept.contains($0) }
        for leg in cancels { working[leg] = nil }
        return cancels.map { .cancel($0) }
    }

    private var isClosing: Bool {
        if case .closing = state { return true }
        return false
    }

    // MARK: Invariants

    /// The invariants that do not hold now (empty when all do).
    public var violations: [String] {
        var broken: [String] = []
        if closedQuantity > entryFilledQuantity { broken.append("closed more than filled") }
        if entryFilledQuantity > plan.quantity { broken.append("entry filled more than ordered") }
        switch state {
        case .open:
            if working[.stop] != openQuantity { broken.append("stop not working for exactly the open quantity") }
            if (working[.target] ?? 0) + (working[.target2] ?? 0) > openQuantity { broken.append("targets exceed the open quantity") }
            if working[.exit] != nil { broken.append("exit working while open") }
        case .closing:
            if working[.exit] != openQuantity { broken.append("exit not working for the open quantity") }
            if working.keys.contains(where: { $0 != .exit && $0 != .entry }) { broken.append("child working while closing") }
        case .closed, .cancelled:
            if !working.isEmpty { broken.append("orphan child after the position is flat") }
            if openQuantity != 0 { broken.append("finished with quantity open") }
        case .awaitingEntry:
            if working.keys.contains(where: { $0 != .entry }) { broken.append("child working before the entry filled") }
        }
        return broken
    }
}

/// a / b rounded half away from zero (b > 0).
private func roundedDivision(_ a: Int64, _ b: Int64) -> Int64 {
    a >= 0 ? (a + b / 2) / b : -((-a + b / 2) / b)
}
