import Foundation
import Testing
@testable import TradingCore

@Suite("Backtest engine")
struct BacktestEngineTests {
    static let bars: [Bar] = {
        let text = try! String(contentsOfFile: sharedDataPath("nifty50_1min_real.csv"), encoding: .utf8)
        return try! BarCSVParser(symbol: "NIFTY").parse(text)
    }()

    static func settings(strategy: any TradingStrategy, fillRule: FillRule = .nextOpen, slippageBps: Double = 0,
                         jitter: Double = 0, seed: UInt64 = 42, exits: BacktestExits = .bracket) -> BacktestSettings {
        var limits = RiskLimits(capital: Paise(100_000_000), riskPerTradePercent: 1, maxOpenPositions: 1, maxLotsPerTrade: 10)
        limits.maxTradesPerDay = 1_000
        limits.dailyLossR = 1_000
        limits.weeklyLossR = 1_000
        limits.dailyLossPercent = 100
        return BacktestSettings(pipeline: PipelineSettings(slots: [StrategySlot(strategy: strategy, cooldownMinutes: 0)]),
                                limits: limits, fillRule: fillRule, slippageBps: slippageBps, slippageJitterBps: jitter, seed: seed,
                                exits: exits)
    }

    static var barByStart: [Date: Bar] { Dictionary(uniqueKeysWithValues: bars.map { ($0.start, $0) }) }

    /// The bar after `start` in the file.
    static func next(after start: Date) -> Bar? {
        guard let index = bars.firstIndex(where: { $0.start == start }), index + 1 < bars.count else { return nil }
        return bars[index + 1]
    }

    @Test func entriesFillAtTheNextBarsOpenNeverOnTheSignalBar() {
        let result = BacktestEngine.run(series: [Self.bars], settings: Self.settings(strategy: ScriptedBacktestStrategy(stopPaise: 2_000, targetPaise: 4_000)))
        #expect(result.trades.count > 20)
        for trade in result.trades {
            #expect(trade.entryBarStart > trade.signalBarStart)
            let next = Self.next(after: trade.signalBarStart)
            #expect(next?.start == trade.entryBarStart)
            #expect(next?.open == trade.entryPrice, "trade \(trade.id) filled at \(trade.entryPrice), open \(String(describing: next?.open))")
            #expect(trade.exitBarStart >= trade.entryBarStart)
        }
    }

    @Test func nextCloseRuleFillsAtTheNextCloseAndExitsLater() {
        let result = BacktestEngine.run(series: [Self.bars], settings: Self.settings(
            strategy: ScriptedBacktestStrategy(stopPaise: 2_000, targetPaise: 4_000), fillRule: .nextClose))
        #expect(result.trades.count > 20)
        for trade in result.trades {
            let next = Self.next(after: trade.signalBarStart)
            #expect(next?.start == trade.entryBarStart && next?.close == trade.entryPrice)
            #expect(trade.exitBarStart > trade.entryBarStart || trade.exitReason == .endOfDay)
        }
    }

    @Test func stopWinsWhenABarReachesStopAndTarget() {
        // ₹3 stop and target on NIFTY minutes: many bars span both.
        let result = BacktestEngine.run(series: [Self.bars], settings: Self.settings(strategy: ScriptedBacktestStrategy(stopPaise: 300, targetPaise: 300)))
        let byStart = Self.barByStart
        var both = 0
        for trade in result.trades where trade.exitReason != .endOfDay {
            guard let bar = byStart[trade.exitBarStart] else { Issue.record("no exit bar"); continue }
            let hitStop = bar.low <= trade.stop, hitTarget = bar.high >= trade.target
            if hitStop && hitTarget { both += 1; #expect(trade.exitReason == .stop) }
            if trade.exitReason == .target { #expect(!hitStop && trade.exitPrice == trade.target) }
            if trade.exitReason == .stop { #expect(hitStop && trade.exitPrice == min(bar.open, trade.stop)) }
        }
        #expect(both > 0)
    }

    @Test func moneyAndRAreConsistent() {
        var settings = Self.settings(strategy: ScriptedBacktestStrategy(side: .sell, stopPaise: 2_000, targetPaise: 4_000), slippageBps: 2)
        settings.limits.riskPerTradePercent = 0.5
        let result = BacktestEngine.run(series: [Self.bars], settings: settings)
        #expect(!result.trades.isEmpty)
        for trade in result.trades {
            #expect(trade.side == .sell && trade.quantity == trade.lots * 75 && trade.lots >= 1)
            #expect(trade.grossPnl == (trade.entryPrice - trade.exitPrice) * Int64(trade.quantity))
            let fees = ChargeSchedule.nseDiscount2026.roundTrip(.future, entrySide: .sell, entry: trade.entryPrice, exit: trade.exitPrice,
                                                                quantity: trade.quantity).total
            #expect(trade.fees == fees && fees > .zero)
            #expect(trade.riskAmount <= Paise(500_000))
            #expect(approximatelyEqual(trade.rMultiple, Double(trade.netPnl.value) / Double(trade.riskAmount.value)))
            // Slippage: a sell fills below the open.
            if let next = Self.next(after: trade.signalBarStart) { #expect(trade.entryPrice < next.open) }
            // Flat by the flatten time.
            #expect(IST.minuteOfDay(trade.exitBarStart) <= 15 * 60 + 20)
        }
        let net = result.trades.reduce(Paise.zero) { $0 + $1.netPnl }
        #expect(result.equity.last?.equity == settings.limits.capital + net)
    }

    @Test func sameInputsAndSeedGiveIdenticalFiles() {
        func files(seed: UInt64) -> [String] {
            let settings = Self.settings(strategy: ScriptedBacktestStrategy(stopPaise: 1_500, targetPaise: 3_000), slippageBps: 1,
                                         jitter: 5, seed: seed)
            let result = BacktestEngine.run(series: [Self.bars], settings: settings)
            let metrics = BacktestMetrics(initialCapital: result.initialCapital, equity: result.equity, trades: result.trades,
                                          sessions: result.sessions.count)
            return [BacktestFiles.tradesCSV(result.trades), BacktestFiles.equityCSV(result.equity, initialCapital: result.initialCapital),
                    BacktestFiles.json(metrics)]
        }
        let first = files(seed: 7), second = files(seed: 7), other = files(seed: 8)
        #expect(first == second)
        #expect(first[0] != other[0], "the seed drives the slippage jitter")
    }

    @Test func emaCrossOnRealDataThroughTheConfig() throws {
        let settings = try BacktestSettings(values: ["strategies.enabled": "ema_cross", "risk_gate.capital": "1000000"])
        let result = BacktestEngine.run(series: [Self.bars], settings: settings)
        #expect(result.sessions.count == 5)
        #expect(result.barCount == Self.bars.count)
        #expect(result.equity.count == Self.bars.count)
        #expect(result.signals == result.approved + result.rejectionsByGate.values.reduce(0, +))
        for trade in result.trades { #expect(trade.strategy == "ema_cross" && trade.entryBarStart > trade.signalBarStart) }
    }

    @Test func aWarmUpGivesTheFirstDayTheHistoryAFullRunHas() throws {
        let settings = try BacktestSettings(values: [
            "strategies.enabled": "ema_cross", "backtest.charges": "false", "risk_gate.max_trades_per_day": "100000",
            "risk_gate.daily_loss_r": "1000", "risk_gate.weekly_loss_r": "1000", "risk_gate.daily_loss_pct": "100"])
        let window = BarWindow.split(Self.bars, from: "2025-09-05", to: "2025-09-05", warmUpBars: 500)
        // 09-04 has fewer than 500 bars: all of it warms up; nothing after 09-05 is run.
        #expect(window.warmUp.count == Self.bars.filter { IST.dayString($0.start) == "2025-09-04" }.count)
        #expect(window.run.allSatisfy { IST.dayString($0.start) == "2025-09-05" } && !window.run.isEmpty)
        func entries(_ result: BacktestResult) -> [String] {
            result.trades.filter { IST.dayString($0.signalBarStart) == "2025-09-05" }
                .map { "\(IST.isoString($0.signalBarStart)) \($0.side.rawValue)" }
        }
        let full = BacktestEngine.run(series: [Self.bars], settings: settings)
        let warm = BacktestEngine.run(series: [window.run], warmUp: [window.warmUp], settings: settings)
        let cold = BacktestEngine.run(series: [window.run], settings: settings)
        #expect(!entries(full).isEmpty && entries(warm) == entries(full))
        #expect(entries(cold) != entries(full))
        // The warm-up trades nothing and counts no bar.
        #expect(warm.barCount == window.run.count && warm.sessions == ["2025-09-05"])
    }

    @Test func configShaCoversOnlyTheStrategiesThatRun() throws {
        func sha(_ values: [String: String]) throws -> String {
            let settings = try BacktestSettings(values: values)
            return BacktestRunConfig(values: settings.effectiveValues(strategyValues: values), data: [], from: nil, to: nil).configSha
        }
        let base = ["strategies.enabled": "ema_cross", "strategies.ema_cross.fast": "20", "strategies.ema_cross.slow": "50"]
        #expect(try sha(base) == sha(base.merging(["strategies.orb.confirmations": "2"]) { $1 }))
        #expect(try sha(base) != sha(base.merging(["strategies.ema_cross.fast": "12"]) { $1 }))
    }

    @Test func unknownBacktestKeyFailsWithItsName() {
        #expect(throws: StrategyConfigError.self) { try BacktestSettings(values: ["backtest.slipage_bps": "2"]) }
        do {
            _ = try BacktestSettings(values: ["backtest.fill_rule": "same_bar"])
            Issue.record("same_bar accepted")
        } catch {
            #expect("\(error)".contains("backtest.fill_rule"))
        }
    }

    @Test func filesRoundTripForTheReport() throws {
        let result = BacktestEngine.run(series: [Self.bars], settings: Self.settings(strategy: ScriptedBacktestStrategy(stopPaise: 2_000, targetPaise: 4_000)))
        let trades = try BacktestFiles.parseTrades(BacktestFiles.tradesCSV(result.trades))
        #expect(trades == result.trades)
        let equity = try BacktestFiles.parseEquity(BacktestFiles.equityCSV(result.equity, initialCapital: result.initialCapital))
        #expect(equity == result.equity)
    }
}
