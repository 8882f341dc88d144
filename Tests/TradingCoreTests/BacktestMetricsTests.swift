import Foundation
import Testing
@testable import TradingCore

@Suite("Backtest metrics")
struct BacktestMetricsTests {
    static let capital = Paise(10_000_000)  // ₹1,00,000

    /// Three sessions: +2 %, −2 %, +5 % (₹1,00,000 → 1,02,000 → 99,960 → 1,04,958), with an
    /// intraday trough of ₹96,900 (5 % under the ₹1,02,000 peak) recovered at the last close.
    static var equity: [EquityPoint] {
        let rows: [(Int, Int, Int, Int64, Int)] = [
            (4, 10, 0, 101_000, 1), (4, 15, 30, 102_000, 0),
            (5, 10, 0, 96_900, 1), (5, 15, 30, 99_960, 1),
            (6, 10, 0, 99_000, 0), (6, 15, 30, 104_958, 0),
        ]
        return rows.map { EquityPoint(time: istInstant(2025, 9, $0.0, $0.1, $0.2), equity: Paise($0.3 * 100), openPositions: $0.4) }
    }

    static func trade(_ id: Int, gross: Int64, fees: Int64, risk: Int64) -> BacktestTrade {
        let start = istInstant(2025, 9, 4, 10)
        return BacktestTrade(id: id, strategy: "ema_cross", symbol: "NIFTY", side: .buy, regime: "TREND", signalBarStart: start,
                             entryBarStart: start.addingTimeInterval(60), entryPrice: Paise(2_500_000),
                             exitBarStart: start.addingTimeInterval(600), exitPrice: Paise(2_500_000), quantity: 75, lots: 1,
                             stop: Paise(2_490_000), target: Paise(2_520_000), grossPnl: Paise(gross * 100),
                             fees: Paise(fees * 100), riskAmount: Paise(risk * 100), exitReason: .stop, barsHeld: 9)
    }

    /// Net ₹3,000 (2R), −₹1,000 (−1R), −₹500 (−0.5R).
    static let trades = [trade(1, gross: 3_100, fees: 100, risk: 1_500), trade(2, gross: -900, fees: 100, risk: 1_000),
                         trade(3, gross: -400, fees: 100, risk: 1_000)]

    @Test func returnsAndRatios() {
        let m = BacktestMetrics(initialCapital: Self.capital, equity: Self.equity, trades: Self.trades, sessions: 3)
        #expect(m.finalEquity == Paise(10_495_800))
        #expect(approximatelyEqual(m.totalReturn, 0.04958))
        // Daily returns 0.02, −0.02, 0.05: mean 1/60, sample sd √(0.0024666…/2) = 0.0351188458.
        let daily = BacktestMetrics.dailyReturns(initialCapital: Self.capital, equity: Self.equity)
        #expect(daily.count == 3)
        #expect(approximatelyEqual(daily[0], 0.02) && approximatelyEqual(daily[1], -0.02) && approximatelyEqual(daily[2], 0.05))
        #expect(approximatelyEqual(m.sharpe, 7.533_708_035, tolerance: 1e-6))
        // Downside deviation √(0.02² / 3) = 0.0115470054; (1/60) / it × √252 = 22.9128785.
        #expect(approximatelyEqual(m.sortino, 22.912_878_475, tolerance: 1e-6))
        // CAGR = 1.04958^(252/3) − 1.
        #expect(approximatelyEqual(m.cagr, 57.251_338_367, tolerance: 1e-4))
        #expect(approximatelyEqual(m.calmar, 57.251_338_367 / 0.05, tolerance: 1e-2))
    }

    @Test func drawdownDepthAndDuration() {
        let m = BacktestMetrics(initialCapital: Self.capital, equity: Self.equity, trades: [], sessions: 3)
        #expect(approximatelyEqual(m.maxDrawdown, 0.05))
        // Peak 04 Sep 15:30, back above it 06 Sep 15:30: two days, four steps.
        #expect(m.maxDrawdownDurationSeconds == 2 * 86_400)
        #expect(m.maxDrawdownDurationSteps == 4)
    }

    @Test func unrecoveredDrawdownRunsToTheLastStep() {
        let points = [EquityPoint(time: istInstant(2025, 9, 4, 10), equity: Paise(9_000_000), openPositions: 0),
                      EquityPoint(time: istInstant(2025, 9, 4, 11), equity: Paise(9_500_000), openPositions: 0)]
        let m = BacktestMetrics(initialCapital: Self.capital, equity: points, trades: [], sessions: 1)
        #expect(approximatelyEqual(m.maxDrawdown, 0.10))
        #expect(m.maxDrawdownDurationSeconds == 3_600)
        #expect(m.maxDrawdownDurationSteps == 2)
        #expect(m.sharpe == nil && m.sortino == nil)
    }

    @Test func tradeStatistics() {
        let m = BacktestMetrics(initialCapital: Self.capital, equity: Self.equity, trades: Self.trades, sessions: 3)
        #expect(m.trades == 3 && m.wins == 1 && m.losses == 2)
        #expect(approximatelyEqual(m.winRate, 1.0 / 3))
        #expect(m.averageWin == Paise(300_000))
        #expect(m.averageLoss == Paise(-75_000))
        #expect(approximatelyEqual(m.profitFactor, 2.0))
        #expect(approximatelyEqual(m.expectancyR, 0.5 / 3))
        #expect(m.chargesPaid == Paise(30_000))
        #expect(m.grossPnl == Paise(180_000) && m.netPnl == Paise(150_000))
        #expect(approximatelyEqual(m.tradesPerDay, 1))
        #expect(approximatelyEqual(m.exposure, 0.5))
    }

    @Test func noLossesMeansNoProfitFactor() {
        let m = BacktestMetrics(initialCapital: Self.capital, equity: [], trades: [Self.trades[0]], sessions: 1)
        #expect(m.profitFactor == nil && m.averageLoss == nil)
        #expect(m.averageWin == Paise(300_000))
    }
}
