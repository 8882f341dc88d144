import Foundation
import Testing
@testable import TradingCore

@Suite("Backtest engine: TP2 with breakeven")
struct BacktestTarget2Tests {
    @Test func tp1ClosesPartOfThePositionAndTp2OrTheBreakevenStopTheRest() {
        // ₹20 stop, TP1 ₹20, TP2 ₹40 on 75-unit lots; 1 % of ₹10 lakh risk = ₹10,000 → 6 lots (₹1,500 a lot), TP1 3 lots.
        var settings = BacktestEngineTests.settings(strategy: ScriptedBacktestStrategy(stopPaise: 2_000, targetPaise: 2_000, target2Paise: 4_000))
        settings.useTarget2 = true
        settings.chargesEnabled = false
        let result = BacktestEngine.run(series: [BacktestEngineTests.bars], settings: settings)
        let reasons = Set(result.trades.map(\.exitReason))
        #expect(reasons.contains(.target2) && reasons.contains(.breakevenStop), "\(reasons)")
        let byStart = BacktestEngineTests.barByStart
        for trade in result.trades {
            let plan = OcoPlan(side: .buy, quantity: trade.quantity, lotSize: 75, stop: trade.stop, target1: trade.target,
                               target2: trade.target + Paise(2_000))
            let tp1 = plan.target1Quantity(filled: trade.quantity)
            let tp1Gain = (trade.target - trade.entryPrice) * Int64(tp1)
            switch trade.exitReason {
            case .target2:
                // Every unit at its level: TP1 for 3 lots, TP2 for the rest.
                #expect(trade.grossPnl == tp1Gain + (trade.target + Paise(2_000) - trade.entryPrice) * Int64(trade.quantity - tp1))
                #expect(trade.netPnl == trade.grossPnl)
            case .breakevenStop:
                // TP1 filled, the rest stopped at the entry (or at a gap below it).
                guard let bar = byStart[trade.exitBarStart] else { Issue.record("no exit bar"); continue }
                let rest = min(bar.open, trade.entryPrice) - trade.entryPrice
                #expect(trade.grossPnl == tp1Gain + rest * Int64(trade.quantity - tp1))
            case .stop:
                #expect(trade.grossPnl < .zero)
            default:
                break
            }
        }
        // The equity ends where the trades add up to.
        #expect(result.equity.last?.equity == result.initialCapital + result.trades.reduce(Paise.zero) { $0 + $1.netPnl })
    }

    @Test func withoutTheSettingTp1ClosesEverything() {
        let settings = BacktestEngineTests.settings(strategy: ScriptedBacktestStrategy(stopPaise: 2_000, targetPaise: 2_000, target2Paise: 4_000))
        let result = BacktestEngine.run(series: [BacktestEngineTests.bars], settings: settings)
        #expect(!result.trades.isEmpty && !result.trades.contains { $0.exitReason == .target2 || $0.exitReason == .breakevenStop })
    }

    @Test func theKeyIsReadAndUnknownOnesRefused() throws {
        let on = try BacktestSettings(values: ["backtest.tp2": "true", "executor.exits.tp1_fraction": "0.25"])
        #expect(on.useTarget2 && on.target1Fraction == 0.25)
        #expect(try !BacktestSettings(values: [:]).useTarget2)
    }
}
