import Testing
import TradingCore

@Suite("OcoGroup")
struct OcoGroupTests {
    // Long NIFTY options, lot 75: entry ₹100.00, stop ₹90.00, TP1 ₹112.00, TP2 ₹120.00.
    static let entry = Paise(10_000)
    static let stop = Paise(9_000)
    static let tp1 = Paise(11_200)
    static let tp2 = Paise(12_000)

    static func plan(quantity: Int = 150, target2: Paise? = tp2) -> OcoPlan {
        OcoPlan(side: .buy, quantity: quantity, lotSize: 75, stop: stop, target1: tp1, target2: target2)
    }

    static func openGroup(quantity: Int = 150) -> OcoGroup {
        var group = OcoGroup(plan: plan(quantity: quantity))
        _ = group.handle(.entryFilled(quantity: quantity, price: entry))
        return group
    }

    @Test("starts awaiting entry with only the entry working")
    func initialState() {
        let group = OcoGroup(plan: Self.plan())
        #expect(group.state == .awaitingEntry)
        #expect(group.working == [.entry: 150])
        #expect(group.openQuantity == 0)
        #expect(group.entryPrice == nil)
        #expect(group.violations.isEmpty)
    }

    @Test("entry fill places the stop for all of it, TP1 for half and TP2 for the rest")
    func entryFill() {
        var group = OcoGroup(plan: Self.plan())
        let actions = group.handle(.entryFilled(quantity: 150, price: Self.entry))
        #expect(actions == [.placeStop(quantity: 150, trigger: Self.stop),
                            .placeTarget(.target, quantity: 75, price: Self.tp1),
                            .placeTarget(.target2, quantity: 75, price: Self.tp2)])
        #expect(group.state == .open)
        #expect(group.working == [.stop: 150, .target: 75, .target2: 75])
        #expect(group.violations.isEmpty)
    }

    @Test("partial entry fill (30% then the rest): children sized to what filled, then resized; average entry")
    func partialEntry() {
        var group = OcoGroup(plan: Self.plan(quantity: 750))
        // 30% of 10 lots = 3 lots at ₹100.00
        #expect(group.handle(.entryFilled(quantity: 225, price: Self.entry))
            == [.placeStop(quantity: 225, trigger: Self.stop),
                .placeTarget(.target, quantity: 75, price: Self.tp1),
                .placeTarget(.target2, quantity: 150, price: Self.tp2)])
        #expect(group.violations.isEmpty)
        // The remaining 7 lots at ₹101.00: stop grows to 750, TP1 to 5 lots, TP2 to 5 lots.
        #expect(group.handle(.entryFilled(quantity: 525, price: Paise(10_100)))
            == [.modifyStop(quantity: 750, trigger: Self.stop),
                .modifyTarget(.target, quantity: 375),
                .modifyTarget(.target2, quantity: 375)])
        // (225 × 100.00 + 525 × 101.00) / 750 = 100.70
        #expect(group.entryPrice == Paise(10_070))
        #expect(group.working == [.stop: 750, .target: 375, .target2: 375])
        #expect(group.violations.isEmpty)
    }

    @Test("an entry that ends part-filled keeps children sized to the filled part")
    func entryEndsPartFilled() {
        var group = OcoGroup(plan: Self.plan(quantity: 750))
        _ = group.handle(.entryFilled(quantity: 225, price: Self.entry))
        #expect(group.handle(.entryEnded).isEmpty)
        #expect(group.working == [.stop: 225, .target: 75, .target2: 150])
        #expect(group.violations.isEmpty)
    }

    @Test("an entry that ends without a fill cancels the group with nothing working")
    func entryEndsUnfilled() {
        var group = OcoGroup(plan: Self.plan())
        #expect(group.handle(.entryEnded).isEmpty)
        #expect(group.state == .cancelled)
        #expect(group.working.isEmpty)
    }

    @Test("TP1 fill shrinks the stop and moves it to breakeven; it does not cancel it")
    func target1MovesStopToBreakeven() {
        var group = Self.openGroup()
        let actions = group.handle(.legFilled(.target, quantity: 75, price: Self.tp1))
        #expect(actions == [.modifyStop(quantity: 75, trigger: Self.entry)])
        #expect(!actions.contains(.cancel(.stop)))
        #expect(group.working == [.stop: 75, .target2: 75])
        #expect(group.stopTrigger == Self.entry)
        #expect(group.stopReason == .breakevenStop)
        #expect(group.violations.isEmpty)
    }

    @Test("TP1 then stop at breakeven closes the trade as BREAKEVEN_STOP, TP2 cancelled")
    func target1ThenBreakevenStop() {
        var group = Self.openGroup()
        _ = group.handle(.legFilled(.target, quantity: 75, price: Self.tp1))
        #expect(group.handle(.legFilled(.stop, quantity: 75, price: Self.entry))
            == [.cancel(.target2), .closePosition(reason: .breakevenStop)])
        #expect(group.state == .closed(.breakevenStop))
        #expect(group.working.isEmpty)
        // (75 × 112 + 75 × 100) / 150 = 106.00
        #expect(group.averageExitPrice == Paise(10_600))
        #expect(group.violations.isEmpty)
    }

    @Test("a partial TP1 fill shrinks the stop but keeps it where it was until TP1 completes")
    func partialTarget1() {
        var group = Self.openGroup(quantity: 300)   // TP1 150, TP2 150
        #expect(group.handle(.legFilled(.target, quantity: 75, price: Self.tp1)) == [.modifyStop(quantity: 225, trigger: Self.stop)])
        #expect(group.violations.isEmpty)
        #expect(group.handle(.legFilled(.target, quantity: 75, price: Self.tp1)) == [.modifyStop(quantity: 150, trigger: Self.entry)])
        #expect(group.violations.isEmpty)
    }

    @Test("TP2 after TP1 closes the trade and cancels the stop")
    func target2AfterTarget1() {
        var group = Self.openGroup()
        _ = group.handle(.legFilled(.target, quantity: 75, price: Self.tp1))
        #expect(group.handle(.legFilled(.target2, quantity: 75, price: Self.tp2))
            == [.cancel(.stop), .closePosition(reason: .target2)])
        #expect(group.working.isEmpty)
    }

    @Test("TP2 with TP1 still working cancels the rest and closes the remainder at market")
    func target2First() {
        var group = Self.openGroup()
        #expect(group.handle(.legFilled(.target2, quantity: 75, price: Self.tp2))
            == [.cancel(.target), .cancel(.stop), .placeExit(quantity: 75, reason: .target2)])
        #expect(group.state == .closing(.target2))
        #expect(group.violations.isEmpty)
        #expect(group.handle(.legFilled(.exit, quantity: 75, price: Self.tp2)) == [.closePosition(reason: .target2)])
        #expect(group.working.isEmpty)
    }

    @Test("the stop fill cancels both targets and closes as STOP")
    func stopFill() {
        var group = Self.openGroup()
        #expect(group.handle(.legFilled(.stop, quantity: 150, price: Self.stop))
            == [.cancel(.target), .cancel(.target2), .closePosition(reason: .stop)])
        #expect(group.state == .closed(.stop))
        #expect(group.violations.isEmpty)
    }

    @Test("a partial stop fill shrinks the targets so they never exceed what is open")
    func partialStop() {
        var group = Self.openGroup(quantity: 300)
        #expect(group.handle(.legFilled(.stop, quantity: 225, price: Self.stop))
            == [.cancel(.target2), .modifyTarget(.target, quantity: 75)])
        #expect(group.working == [.stop: 75, .target: 75])
        #expect(group.violations.isEmpty)
    }

    @Test("a single-target plan: TP1 takes everything and closes as TARGET")
    func singleTarget() {
        var group = OcoGroup(plan: Self.plan(target2: nil))
        #expect(group.handle(.entryFilled(quantity: 150, price: Self.entry))
            == [.placeStop(quantity: 150, trigger: Self.stop), .placeTarget(.target, quantity: 150, price: Self.tp1)])
        #expect(group.handle(.legFilled(.target, quantity: 150, price: Self.tp1)) == [.cancel(.stop), .closePosition(reason: .target)])
    }

    @Test("exit cancels every child and closes at market; a second exit joins the first")
    func exitAndJoin() {
        var group = Self.openGroup()
        #expect(group.handle(.exit(.flatten))
            == [.cancel(.target), .cancel(.target2), .cancel(.stop), .placeExit(quantity: 150, reason: .flatten)])
        #expect(group.violations.isEmpty)
        #expect(group.handle(.exit(.endOfDay)).isEmpty)
        #expect(group.handle(.legFilled(.exit, quantity: 150, price: Paise(9_900))) == [.closePosition(reason: .flatten)])
        #expect(group.state == .closed(.flatten))
    }

    @Test("exit before any entry fill just cancels the entry")
    func exitBeforeEntry() {
        var group = OcoGroup(plan: Self.plan())
        #expect(group.handle(.exit(.flatten)) == [.cancel(.entry)])
        #expect(group.state == .cancelled)
        #expect(group.violations.isEmpty)
    }

    @Test("the stop that cannot be placed closes the position at market and alerts")
    func stopRejected() {
        var group = Self.openGroup()
        #expect(group.handle(.legRejected(.stop))
            == [.alert(.stopRejected), .cancel(.target), .cancel(.target2), .placeExit(quantity: 150, reason: .stopRejected)])
        #expect(group.violations.isEmpty)
    }

    @Test("the trailing stop moves only in the trade's favour")
    func moveStopRatchets() {
        var group = Self.openGroup()
        #expect(group.handle(.moveStop(to: Paise(9_500), reason: .trailingStop)) == [.modifyStop(quantity: 150, trigger: Paise(9_500))])
        #expect(group.handle(.moveStop(to: Paise(9_400), reason: .trailingStop)).isEmpty)
        #expect(group.stopTrigger == Paise(9_500))
        #expect(group.handle(.legFilled(.stop, quantity: 150, price: Paise(9_500))).last == .closePosition(reason: .trailingStop))
    }

    @Test("a replayed or late fill never closes twice and is reported")
    func lateFillsAreInert() {
        var group = Self.openGroup()
        _ = group.handle(.legFilled(.stop, quantity: 150, price: Self.stop))
        #expect(group.handle(.legFilled(.stop, quantity: 150, price: Self.stop)) == [.alert(.fillForIdleLeg)])
        #expect(group.handle(.legFilled(.target, quantity: 75, price: Self.tp1)) == [.alert(.fillForIdleLeg)])
        #expect(group.closedQuantity == 150)
        #expect(group.violations.isEmpty)
    }

    @Test("a fill bigger than the leg is clamped and reported: children never over-close")
    func overfillClamped() {
        var group = Self.openGroup()
        let actions = group.handle(.legFilled(.target, quantity: 300, price: Self.tp1))
        #expect(actions.first == .alert(.overfill))
        #expect(group.closedQuantity == 75)
        #expect(group.openQuantity == 75)
        #expect(group.violations.isEmpty)
    }

    @Test("short side: TP1 moves the stop down to breakeven")
    func shortSide() {
        var group = OcoGroup(plan: OcoPlan(side: .sell, quantity: 150, lotSize: 75, stop: Paise(11_000),
                                           target1: Paise(8_800), target2: Paise(8_000)))
        _ = group.handle(.entryFilled(quantity: 150, price: Self.entry))
        #expect(group.handle(.legFilled(.target, quantity: 75, price: Paise(8_800))) == [.modifyStop(quantity: 75, trigger: Self.entry)])
        #expect(group.handle(.moveStop(to: Paise(10_100), reason: .trailingStop)).isEmpty)
        #expect(group.handle(.moveStop(to: Paise(9_500), reason: .trailingStop)) == [.modifyStop(quantity: 75, trigger: Paise(9_500))])
    }

    @Test("invariants hold after every step of 2,000 seeded random event sequences")
    func randomSequencesKeepInvariants() {
        var generator = SeededGenerator(seed: 7)
        let legs: [OcoLeg] = [.entry, .stop, .target, .target2, .exit]
        for _ in 0..<2_000 {
            var group = OcoGroup(plan: Self.plan(quantity: 75 * Int.random(in: 1...8, using: &generator)))
            for _ in 0..<12 {
                let event: OcoGroup.Event
                switch Int.random(in: 0..<6, using: &generator) {
                case 0: event = .entryFilled(quantity: 75 * Int.random(in: 1...4, using: &generator), price: Self.entry)
                case 1: event = .entryEnded
                case 2, 3:
                    let leg = legs.randomElement(using: &generator)!
                    let left = group.working[leg] ?? 75
                    event = .legFilled(leg, quantity: Int.random(in: 1...max(1, left), using: &generator), price: Self.tp1)
                case 4: event = .legRejected(legs.randomElement(using: &generator)!)
                default: event = Bool.random(using: &generator) ? .exit(.flatten) : .moveStop(to: Paise(9_600), reason: .trailingStop)
                }
                _ = group.handle(event)
                #expect(group.violations.isEmpty, "after \(event): \(group.violations)")
                if !group.violations.isEmpty { return }
            }
        }
    }
}
