import Foundation
import Testing
@testable import TradingCore

/// `TradeSizing.largest` finds the most lots whose loss at the stop, charges included, fits a
/// budget: a binary search that must agree with counting down one lot at a time.
@Suite("TradeSizing")
struct TradeSizingTests {
    private func linear(_ sizing: TradeSizing, upTo upper: Int, within budget: Paise) -> Int {
        var n = upper
        while n > 0 && sizing.risk(n) > budget { n -= 1 }
        return max(0, n)
    }

    @Test("binary search equals the linear count on charged futures and options")
    func agreesWithLinear() {
        let schedule = ChargeSchedule.nseDiscount2026
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<300 {
            let kind: ContractKind = generator.next() % 2 == 0 ? .future : .option
            let entry = Paise(Int64(generator.next() % 3_000_000) + 500)
            let riskPerUnit = Paise(Int64(generator.next() % 5_000) + 1)
            let lot = [15, 25, 50, 75, 1_800][Int(generator.next() % 5)]
            let budget = Paise(Int64(generator.next() % 2_000_000))
            let sizing = TradeSizing(verdicts: [], lots: 0, marginPerLot: .zero, slices: [], riskPerLot: riskPerUnit * Int64(lot)) { lots in
                schedule.roundTrip(kind, entrySide: .buy, entry: entry, exit: entry - riskPerUnit, quantity: lots * lot).total
            }
            let upper = Int(budget.value / sizing.riskPerLot.value)
            #expect(sizing.largest(upTo: upper, within: budget) == linear(sizing, upTo: upper, within: budget))
            #expect(sizing.largest(upTo: upper + 7, within: budget) == linear(sizing, upTo: upper + 7, within: budget))
        }
    }

    @Test("edges: no room, exactly at the budget, one paisa over")
    func edges() {
        let sizing = TradeSizing(verdicts: [], lots: 0, marginPerLot: .zero, slices: [], riskPerLot: Paise(1_000)) { lots in
            Paise(100 * Int64(lots))
        }
        #expect(sizing.largest(upTo: 0, within: Paise(1_000_000)) == 0)
        #expect(sizing.largest(upTo: 10, within: Paise(1_099)) == 0)
        #expect(sizing.largest(upTo: 10, within: Paise(1_100)) == 1)
        #expect(sizing.largest(upTo: 10, within: Paise(5_500)) == 5)
        #expect(sizing.largest(upTo: 10, within: Paise(5_499)) == 4)
        #expect(sizing.largest(upTo: 10, within: Paise(1_000_000)) == 10)
    }
}
