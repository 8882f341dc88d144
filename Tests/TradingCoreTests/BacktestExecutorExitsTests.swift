import Foundation
import Testing
@testable import TradingCore

/// `backtest.exits: executor` on hand-made bars: 30 warm-up bars 09:15–09:44 IST with a true
/// range of ₹2 (so ATR(14) is exactly ₹2.00), one BUY signal at the 09:44 close (₹100.00, stop
/// ₹90.00: R = ₹10), filled at the 09:45 open; 10 lots of 75 (1 % of ₹10 lakh over ₹750 a lot,
/// capped at 10 lots). No slippage, no charges.
@Suite("Backtest engine: the executor's exits")
struct BacktestExecutorExitsTests {
    static let start = istInstant(2025, 9, 4, 9, 15)

    /// Warm-up bars, then `after` as (open, high, low, close) in paise from 09:45 on.
    static func bars(_ after: [(Int64, Int64, Int64, Int64)]) -> [Bar] {
        let warmUp = Array(repeating: (Int64(10_000), Int64(10_100), Int64(9_900), Int64(10_000)), count: 30)
        return (warmUp + after).enumerated().map { index, p in
            Bar(symbol: "NIFTY", start: start.addingTimeInterval(Double(index) * 60), open: Paise(p.0), high: Paise(p.1),
                low: Paise(p.2), close: Paise(p.3), volume: 0)
        }
    }

    static func run(_ after: [(Int64, Int64, Int64, Int64)], policy: ExitPolicy) -> BacktestResult {
        var settings = BacktestEngineTests.settings(strategy: OneShotBacktestStrategy(at: start.addingTimeInterval(29 * 60), stopPaise: 1_000),
                                                    exits: .executor(policy))
        settings.chargesEnabled = false
        return BacktestEngine.run(series: [bars(after)], settings: settings)
    }

    /// Only the rules a test names are on; targets far away unless set.
    static func policy(_ configure: (inout ExitPolicy) -> Void) -> ExitPolicy {
        var policy = ExitPolicy(trailingAtrMultiple: 0, target1R: 5, target2R: 10, timeStopMinutes: 0, volatilityStopMultiple: 0,
                                maeCapitalFraction: 0, capital: Paise(100_000_000))
        configure(&policy)
        return policy
    }

    static func minute(_ index: Int) -> Date { start.addingTimeInterval(Double(index) * 60) }

    @Test("the ATR trail follows the bar's favourable extreme and fills as a stop at its level")
    func trailingStop() throws {
        let result = Self.run([(10_000, 10_400, 9_950, 10_350),    // 09:45: best 104.00 → trail 104.00 − 1.2 × ₹2.00 = 101.60
                               (10_300, 10_320, 10_100, 10_120),   // 09:46: falls through 101.60
                               (10_100, 10_200, 10_000, 10_100)],
                              policy: Self.policy { $0.trailingAtrMultiple = 1.2 })
        let trade = try #require(result.trades.first)
        #expect(result.trades.count == 1)
        #expect(trade.entryPrice == Paise(10_000) && trade.entryBarStart == Self.minute(30) && trade.quantity == 750)
        #expect(trade.exitReason == .trailingStop && trade.exitPrice == Paise(10_160) && trade.exitBarStart == Self.minute(31))
        #expect(trade.grossPnl == Paise(1_200_00))   // ₹1.60 × 750
    }

    @Test("no new best price for the time stop's minutes closes at the observed close")
    func timeStop() throws {
        // The best price (100.50) is set on the 09:45 bar; 20 minutes later is the 10:04 bar's close.
        let flat = Array(repeating: (Int64(10_000), Int64(10_050), Int64(9_950), Int64(10_000)), count: 30)
        let result = Self.run(flat, policy: Self.policy { $0.timeStopMinutes = 20 })
        let trade = try #require(result.trades.first)
        #expect(trade.exitReason == .timeStop && trade.exitBarStart == Self.minute(49) && trade.exitPrice == Paise(10_000))
    }

    @Test("ATR at twice the entry ATR closes at the next bar's open")
    func volatilityStop() throws {
        // Entry ATR ₹2.00. 09:45 (range ₹1) → ATR 1.93; 09:46 (range ₹35) → ATR 4.29 ≥ 4.00, seen at the 09:47 open.
        let result = Self.run([(10_000, 10_050, 9_950, 10_000), (10_000, 13_000, 9_500, 10_000), (10_200, 10_300, 10_100, 10_200)],
                              policy: Self.policy { $0.volatilityStopMultiple = 2 })
        let trade = try #require(result.trades.first)
        #expect(trade.exitReason == .volatilityStop && trade.exitBarStart == Self.minute(32) && trade.exitPrice == Paise(10_200))
    }

    @Test("TP1 at 1.2 R closes half in lots and moves the stop to breakeven; the rest stops there")
    func target1ThenBreakeven() throws {
        let result = Self.run([(10_000, 11_300, 9_950, 11_250), (11_200, 11_250, 9_900, 9_950)],
                              policy: Self.policy { $0.target1R = 1.2; $0.target2R = 2 })
        let trade = try #require(result.trades.first)
        // TP1 112.00 for 5 lots (375), the other 375 at 100.00: average 106.00.
        #expect(trade.target == Paise(11_200) && trade.stop == Paise(9_000))
        #expect(trade.exitReason == .breakevenStop && trade.exitBarStart == Self.minute(31))
        #expect(trade.exitPrice == Paise(10_600) && trade.grossPnl == Paise(4_500_00))
    }

    @Test("TP1 then TP2 at 2 R close the whole position at their levels")
    func target1ThenTarget2() throws {
        let result = Self.run([(10_000, 11_300, 9_950, 11_250), (11_200, 12_100, 11_100, 12_050)],
                              policy: Self.policy { $0.target1R = 1.2; $0.target2R = 2 })
        let trade = try #require(result.trades.first)
        #expect(trade.exitReason == .target2 && trade.exitBarStart == Self.minute(31))
        #expect(trade.grossPnl == Paise(12_000_00))   // 375 × ₹12 + 375 × ₹20
    }

    @Test("a gap through the stop fills at the open; the initial stop keeps its reason")
    func gapThroughStop() throws {
        let result = Self.run([(10_000, 10_050, 9_950, 10_000), (8_800, 8_900, 8_700, 8_850)], policy: Self.policy { _ in })
        let trade = try #require(result.trades.first)
        #expect(trade.exitReason == .stop && trade.exitPrice == Paise(8_800) && trade.exitBarStart == Self.minute(31))
    }

    @Test("the config reads backtest.exits and executor.exits.*; executor is the default")
    func configuration() throws {
        let defaults = try BacktestSettings(values: [:])
        #expect(defaults.exits == .executor(ExitPolicy(capital: defaults.limits.capital)))
        let custom = try BacktestSettings(values: ["executor.exits.tp1_r": "1.5", "executor.exits.time_stop_minutes": "0"])
        #expect(custom.exits.policy?.target1R == 1.5 && custom.exits.policy?.timeStopMinutes == 0)
        let values = custom.effectiveValues(strategyValues: [:])
        #expect(values["backtest.exits"] == "executor" && values["executor.exits.tp1_r"] == "1.5")
        #expect(try BacktestSettings(values: ["backtest.exits": "bracket"]).exits == .bracket)
        #expect(throws: StrategyConfigError(key: "backtest.exits", expected: "one of executor, bracket, got 'oco'")) {
            try BacktestSettings(values: ["backtest.exits": "oco"])
        }
        #expect(throws: StrategyConfigError.self) { try BacktestSettings(values: ["executor.exits.trail_atr": "1"]) }
    }

    @Test("executor exits are deterministic on the real NIFTY file, and every trade is flat by the flatten time")
    func realData() {
        var settings = BacktestEngineTests.settings(strategy: ScriptedBacktestStrategy(stopPaise: 2_000, targetPaise: 4_000),
                                                    slippageBps: 1, jitter: 3, exits: .executor(ExitPolicy(capital: Paise(100_000_000))))
        settings.chargesEnabled = true
        let first = BacktestEngine.run(series: [BacktestEngineTests.bars], settings: settings)
        let second = BacktestEngine.run(series: [BacktestEngineTests.bars], settings: settings)
        #expect(first == second && first.trades.count > 20)
        let reasons = Set(first.trades.map(\.exitReason))
        #expect(reasons.contains(.trailingStop) || reasons.contains(.timeStop), "\(reasons)")
        for trade in first.trades { #expect(IST.minuteOfDay(trade.exitBarStart) <= 15 * 60 + 20) }
        #expect(first.equity.last?.equity == first.initialCapital + first.trades.reduce(Paise.zero) { $0 + $1.netPnl })
    }
}
