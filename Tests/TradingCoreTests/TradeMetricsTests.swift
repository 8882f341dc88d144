import Foundation
import Testing
import TradingCore

@Suite("TradeMetrics")
struct TradeMetricsTests {
    @Test("net after charges, R multiple, excursions, holding time and reason")
    func longWinner() {
        let opened = Date(timeIntervalSince1970: 1_000)
        let metrics = TradeMetrics(side: .buy, quantity: 150, averageEntry: Paise(10_000), averageExit: Paise(10_600),
                                   initialStop: Paise(9_000), charges: Paise(8_000), maePerUnit: Paise(300),
                                   mfePerUnit: Paise(1_200), openedAt: opened, closedAt: opened.addingTimeInterval(754),
                                   exitReason: .breakevenStop)
        #expect(metrics.result.grossPnl == Paise(90_000))        // 6.00 × 150
        #expect(metrics.result.netPnl == Paise(82_000))
        #expect(metrics.rMultiple == 82_000.0 / 150_000.0)       // risk 10.00 × 150
        #expect(metrics.maePaise == Paise(45_000))
        #expect(metrics.mfePaise == Paise(180_000))
        #expect(metrics.holdingSeconds == 754)
        #expect(metrics.exitReason == .breakevenStop)
    }

    @Test("a short loser: negative R, MAE at least the realised loss")
    func shortLoser() {
        let t = Date(timeIntervalSince1970: 0)
        let metrics = TradeMetrics(side: .sell, quantity: 75, averageEntry: Paise(10_000), averageExit: Paise(10_500),
                                   initialStop: Paise(10_500), charges: Paise(4_000), maePerUnit: .zero, mfePerUnit: .zero,
                                   openedAt: t, closedAt: t, exitReason: .stop)
        #expect(metrics.result.grossPnl == Paise(-37_500))
        #expect(metrics.rMultiple == -41_500.0 / 37_500.0)
        #expect(metrics.maePaise == Paise(37_500))
        #expect(metrics.mfePaise == .zero)
    }
}
