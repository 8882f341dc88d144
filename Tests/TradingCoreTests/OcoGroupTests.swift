import Testing
import TradingCore

@Suite("OcoGroup")
struct OcoGroupTests {
    // Long NIFTY: entry 24734.05, stop 24714.05 (−₹20), target 24774.05 (+₹40).
    private static let stop = Paise(2_471_405)
    private static let target = Paise(2_477_405)
    private static let entry = Paise(2_473_405)

    private static func openGroup(quantity: Int = 150) -> OcoGroup {
        var group = OcoGroup(side: .buy, stop: stop, target: target)
        _ = group.handle(.entryFilled(quantity: quantity, price: entry))
        return group
    }

    @Test("starts awaiting entry with only the entry working")
    func initialState() {
        let group = OcoGroup(side: .buy, stop: Self.stop, target: Self.target)
        #expect(group.state == .awaitingEntry)
        #expect(group.workingLegs == [.entry])
        #expect(group.openQuantity == 0)
        #expect(group.entryPrice == nil)
        #expect(!group.isOpen)
    }

    @Test("entry fill places stop and target for the filled quantity")
    func entryFill() {
        var group = OcoGroup(side: .buy, stop: Self.stop, target: Self.target)
        let actions = group.handle(.entryFilled(quantity: 150, price: Self.entry))
        #expect(actions == [.placeStop(quantity: 150, trigger: Self.stop), .placeTarget(quantity: 150, price: Self.target)])
        #expect(group.state == .open)
        #expect(group.isOpen)
        #expect(group.openQuantity == 150)
        #expect(group.entryPrice == Self.entry)
        #expect(group.workingLegs == [.stop, .target])
    }

    @Test("a partial entry fill sizes the children to what filled, not what was ordered")
    func partialEntry() {
        var group = OcoGroup(side: .sell, stop: Paise(2_477_405), target: Paise(2_465_405))
        #expect(group.handle(.entryFilled(quantity: 75, price: Self.entry))
            == [.placeStop(quantity: 75, trigger: Paise(2_477_405)), .placeTarget(quantity: 75, price: Paise(2_465_405))])
    }

    @Test("a zero or negative entry fill does nothing")
    func emptyEntryFill() {
        var group = OcoGroup(side: .buy, stop: Self.stop, target: Self.target)
        #expect(group.handle(.entryFilled(quantity: 0, price: Self.entry)).isEmpty)
        #expect(group.handle(.entryFilled(quantity: -75, price: Self.entry)).isEmpty)
        #expect(group.state == .awaitingEntry)
        #expect(group.workingLegs == [.entry])
    }

    @Test("stop fill cancels the target and closes with STOP")
    func stopFill() {
        var group = Self.openGroup()
        #expect(group.handle(.legFilled(.stop, price: Self.stop)) == [.cancel(.target), .closePosition(reason: .stop)])
        #expect(group.state == .closed(.stop))
        #expect(group.workingLegs.isEmpty)
        #expect(!group.isOpen)
    }

    @Test("target fill cancels the stop and closes with TARGET")
    func targetFill() {
        var group = Self.openGroup()
        #expect(group.handle(.legFilled(.target, price: Self.target)) == [.cancel(.stop), .closePosition(reason: .target)])
        #expect(group.state == .closed(.target))
        #expect(group.workingLegs.isEmpty)
    }

    @Test("flatten when open cancels both children and exits at market; the exit fill closes with FLATTEN")
    func flattenOpen() {
        var group = Self.openGroup()
        #expect(group.handle(.flatten(.flatten))
            == [.cancel(.stop), .cancel(.target), .placeExit(quantity: 150, reason: .flatten)])
        #expect(group.state == .closing(.flatten))
        #expect(group.workingLegs == [.exit])
        #expect(!group.isOpen)
        // A second flatten while closing must not send a second exit.
        #expect(group.handle(.flatten(.flatten)).isEmpty)
        #expect(group.handle(.legFilled(.exit, price: Self.entry)) == [.closePosition(reason: .flatten)])
        #expect(group.state == .closed(.flatten))
        #expect(group.workingLegs.isEmpty)
    }

    @Test("end-of-day square-off carries EOD through to the close")
    func endOfDay() {
        var group = Self.openGroup(quantity: 75)
        #expect(group.handle(.flatten(.endOfDay)).last == .placeExit(quantity: 75, reason: .endOfDay))
        #expect(group.handle(.legFilled(.exit, price: Self.entry)) == [.closePosition(reason: .endOfDay)])
        #expect(group.state == .closed(.endOfDay))
    }

    @Test("flatten before the entry fills cancels the entry")
    func flattenBeforeEntry() {
        var group = OcoGroup(side: .buy, stop: Self.stop, target: Self.target)
        #expect(group.handle(.flatten(.flatten)) == [.cancel(.entry)])
        #expect(group.state == .closed(.flatten))
        #expect(group.workingLegs.isEmpty)
        // Anything afterwards is a no-op.
        #expect(group.handle(.entryFilled(quantity: 150, price: Self.entry)).isEmpty)
        #expect(group.state == .closed(.flatten))
    }

    @Test("events after close produce no actions: a replayed fill never double-closes")
    func noActionsAfterClose() {
        var group = Self.openGroup()
        _ = group.handle(.legFilled(.stop, price: Self.stop))
        let closed = group
        let late: [OcoGroup.Event] = [
            .legFilled(.stop, price: Self.stop),          // replayed
            .legFilled(.target, price: Self.target),      // sibling filled late
            .legFilled(.exit, price: Self.entry),
            .legFilled(.entry, price: Self.entry),
            .entryFilled(quantity: 150, price: Self.entry),
            .flatten(.flatten),
            .flatten(.endOfDay),
        ]
        for event in late {
            #expect(group.handle(event).isEmpty, "\(event)")
            #expect(group == closed)
        }
    }

    @Test("events that do not apply to the current state are ignored")
    func inapplicableEvents() {
        var awaiting = OcoGroup(side: .buy, stop: Self.stop, target: Self.target)
        #expect(awaiting.handle(.legFilled(.stop, price: Self.stop)).isEmpty)
        #expect(awaiting.handle(.legFilled(.target, price: Self.target)).isEmpty)
        #expect(awaiting.handle(.legFilled(.exit, price: Self.entry)).isEmpty)
        #expect(awaiting.state == .awaitingEntry)

        var open = Self.openGroup()
        #expect(open.handle(.entryFilled(quantity: 75, price: Self.entry)).isEmpty)   // replayed entry fill
        #expect(open.openQuantity == 150)
        #expect(open.handle(.legFilled(.exit, price: Self.entry)).isEmpty)           // no exit is working
        #expect(open.handle(.legFilled(.entry, price: Self.entry)).isEmpty)
        #expect(open.state == .open)
        #expect(open.workingLegs == [.stop, .target])
    }

    @Test("restored(...) behaves exactly like a group whose entry filled")
    func restored() {
        let restored = OcoGroup.restored(side: .buy, stop: Self.stop, target: Self.target, quantity: 150, entryPrice: Self.entry)
        #expect(restored == Self.openGroup())
        #expect(restored.isOpen)
        #expect(restored.workingLegs == [.stop, .target])
        #expect(restored.openQuantity == 150)
        #expect(restored.entryPrice == Self.entry)

        var a = restored
        #expect(a.handle(.legFilled(.target, price: Self.target)) == [.cancel(.stop), .closePosition(reason: .target)])
        var b = restored
        #expect(b.handle(.flatten(.flatten)) == [.cancel(.stop), .cancel(.target), .placeExit(quantity: 150, reason: .flatten)])
        var c = restored
        #expect(c.handle(.entryFilled(quantity: 150, price: Self.entry)).isEmpty)     // no second set of children
    }

    @Test("invariants hold over long random event sequences (seeded)")
    func invariantsUnderRandomEvents() {
        var rng = SeededGenerator(seed: 20_261_123)
        let events: [OcoGroup.Event] = [
            .entryFilled(quantity: 75, price: Self.entry), .entryFilled(quantity: 150, price: Self.entry),
            .legFilled(.entry, price: Self.entry), .legFilled(.stop, price: Self.stop),
            .legFilled(.target, price: Self.target), .legFilled(.exit, price: Self.entry),
            .flatten(.flatten), .flatten(.endOfDay),
        ]
        for _ in 0..<500 {
            var group = OcoGroup(side: Bool.random(using: &rng) ? .buy : .sell, stop: Self.stop, target: Self.target)
            var closes = 0, exits = 0, placedChildren = 0
            for _ in 0..<12 {
                let actions = group.handle(events.randomElement(using: &rng)!)
                closes += actions.filter { if case .closePosition = $0 { true } else { false } }.count
                exits += actions.filter { if case .placeExit = $0 { true } else { false } }.count
                placedChildren += actions.filter { if case .placeStop = $0 { true } else { false } }.count
                switch group.state {
                case .awaitingEntry: #expect(group.workingLegs == [.entry])
                case .open:
                    #expect(group.workingLegs == [.stop, .target])
                    #expect(group.openQuantity > 0)
                case .closing: #expect(group.workingLegs == [.exit])
                case .closed: #expect(group.workingLegs.isEmpty)
                }
            }
            #expect(closes <= 1)
            #expect(exits <= 1)
            #expect(placedChildren <= 1)
        }
    }
}
