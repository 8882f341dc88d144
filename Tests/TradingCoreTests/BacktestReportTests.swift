import Foundation
import Testing
@testable import TradingCore

@Suite("Backtest report")
struct BacktestReportTests {
    @Test("a long curve is drawn from each bucket's lowest and highest point: every extreme survives")
    func thinnedKeepsTheExtremes() {
        var generator = SeededGenerator(seed: 9)
        let values = (0..<100_000).map { _ in Double.random(in: -1...1, using: &generator) }
        let kept = BacktestReport.thinned(values, limit: 2_000)
        #expect(kept.count <= 2_002 && kept.count >= 1_000)
        #expect(kept.first?.index == 0 && kept.last?.index == values.count - 1)
        #expect(zip(kept, kept.dropFirst()).allSatisfy { $0.index < $1.index })
        let minIndex = values.indices.min { values[$0] < values[$1] }!, maxIndex = values.indices.max { values[$0] < values[$1] }!
        #expect(kept.contains { $0.index == minIndex } && kept.contains { $0.index == maxIndex })
        #expect(kept.allSatisfy { values[$0.index] == $0.value })
        // Short curves are drawn whole.
        #expect(BacktestReport.thinned([3, 1, 2], limit: 2_000).map(\.value) == [3, 1, 2])
    }
}
