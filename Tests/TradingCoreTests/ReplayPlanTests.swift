import Foundation
import Testing
import TradingCore

@Suite("ReplayPlan")
struct ReplayPlanTests {
    private let open = istInstant(2026, 11, 23, 9, 15)

    private func bars(_ symbol: String, minutes: [Int]) -> [Bar] {
        minutes.map { makeBar(symbol, start: open.addingTimeInterval(Double($0) * 60), open: 100, high: 100, low: 100, close: 100, volume: 1) }
    }

    @Test("several symbols merge by start time into steps, series order within a step")
    func mergesSymbols() {
        let plan = ReplayPlan(series: [bars("NIFTY", minutes: [0, 1, 3]), bars("BANKNIFTY", minutes: [1, 2, 3])], speed: 0)
        #expect(plan.steps.map { $0.map(\.symbol) } == [["NIFTY"], ["NIFTY", "BANKNIFTY"], ["BANKNIFTY"], ["NIFTY", "BANKNIFTY"]])
        #expect(plan.barCount == 6)
        #expect(plan.steps.allSatisfy { step in step.allSatisfy { $0.start == step[0].start } })
    }

    @Test("pauses: real speed = market time, ×N = 1/N of it, 0 = none, long gaps capped")
    func pacing() {
        let series = [bars("NIFTY", minutes: [0, 1, 3, 1440])]
        let real = ReplayPlan(series: series, speed: 1, maximumPauseSeconds: 300)
        #expect(real.pauseSeconds(before: 0) == 0)
        #expect(real.pauseSeconds(before: 1) == 60)
        #expect(real.pauseSeconds(before: 2) == 120)
        #expect(real.pauseSeconds(before: 3) == 300)        // overnight gap cut to the cap
        let fast = ReplayPlan(series: series, speed: 60)
        #expect(fast.pauseSeconds(before: 1) == 1)
        #expect(fast.pauseSeconds(before: 2) == 2)
        let asFastAsPossible = ReplayPlan(series: series, speed: 0)
        #expect((0..<4).allSatisfy { asFastAsPossible.pauseSeconds(before: $0) == 0 })
    }
}
