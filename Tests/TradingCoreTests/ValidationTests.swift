import Foundation
import Testing
@testable import TradingCore

@Suite("Backtest validation")
struct ValidationTests {
    @Test func monteCarloDrawdownOfAPathIsTheDeepestFallFromAPeak() {
        // 1000 → 1100 (peak) → 770 (330 / 1100 = 30 %) → 820 → 800.
        let pnl = [Paise(100), Paise(-330), Paise(50), Paise(-20)]
        #expect(abs(MonteCarloDrawdown.maxDrawdown(pnl, initialCapital: Paise(1_000)) - 0.3) < 1e-12)
        // The initial capital is the first peak: 1000 → 900 is 10 %.
        #expect(abs(MonteCarloDrawdown.maxDrawdown([Paise(-100), Paise(100)], initialCapital: Paise(1_000)) - 0.1) < 1e-12)
        #expect(MonteCarloDrawdown.maxDrawdown([Paise(5), Paise(7)], initialCapital: Paise(1_000)) == 0)
    }

    @Test func shuffleIsASeededPermutation() {
        let values = Array(1...10)
        var a = values, b = values, c = values
        var g1 = SeededGenerator(seed: 7), g2 = SeededGenerator(seed: 7), g3 = SeededGenerator(seed: 8)
        MonteCarloDrawdown.shuffle(&a, using: &g1)
        MonteCarloDrawdown.shuffle(&b, using: &g2)
        MonteCarloDrawdown.shuffle(&c, using: &g3)
        #expect(a == b)
        #expect(a.sorted() == values && c.sorted() == values)
        #expect(a != c)
    }

    @Test func monteCarloOfTwoTradesSeesBothOrders() {
        // From ₹10: −1 then +1 is a 10 % drawdown; +1 then −1 is 1 / 11 = 9.09 %.
        let mc = MonteCarloDrawdown(netPnl: [Paise(-100), Paise(100)], initialCapital: Paise(1_000), runs: 1_000, seed: 42,
                                    threshold: 0.095)
        #expect(abs(mc.original - 0.1) < 1e-12)
        #expect(abs(mc.worst - 0.1) < 1e-12)
        #expect(abs(mc.p50 - 0.1) < 1e-12 || abs(mc.p50 - 100.0 / 1_100) < 1e-12)
        #expect(mc.exceedingShare > 0.4 && mc.exceedingShare < 0.6)
        #expect(mc.histogram.reduce(0, +) == 1_000)
        let again = MonteCarloDrawdown(netPnl: [Paise(-100), Paise(100)], initialCapital: Paise(1_000), runs: 1_000, seed: 42,
                                       threshold: 0.095)
        #expect(again == mc)
    }

    @Test func gridWithCloseNeighboursIsAPlateau() {
        // Optimum 2.0 in the middle; within 25 % (≥ 1.5): 7 of 8 neighbours → 87.5 % ≥ 75 %.
        let grid = SensitivityGrid(xKey: "x", yKey: "y", xValues: ["1", "2", "3"], yValues: ["a", "b", "c"], metric: "sharpe",
                                   scores: [[1.0, 1.9, 1.8], [1.9, 2.0, 1.95], [1.7, 1.8, 1.9]], tolerance: 0.25, share: 0.75)
        #expect(grid.bestRow == 1 && grid.bestColumn == 1 && grid.bestValue == 2.0)
        #expect(grid.neighbours == 8 && grid.closeNeighbours == 7)
        #expect(grid.shape == .plateau)
    }

    @Test func gridWithAnIsolatedOptimumIsASharpPeak() {
        let grid = SensitivityGrid(xKey: "x", yKey: "y", xValues: ["1", "2", "3"], yValues: ["a", "b", "c"], metric: "sharpe",
                                   scores: [[0, 0.1, 0], [0.2, 2.0, 0.1], [0, 0, nil]], tolerance: 0.25, share: 0.75)
        #expect(grid.neighbours == 7 && grid.closeNeighbours == 0)
        #expect(grid.shape == .sharpPeak)
        // Six of eight close is 75 %: still a plateau at share 0.75, a peak at 0.8.
        let edge: [[Double?]] = [[2, 2, 2], [2, 2.1, 2], [2, 0, 0]]
        #expect(SensitivityGrid(xKey: "x", yKey: "y", xValues: ["1", "2", "3"], yValues: ["a", "b", "c"], metric: "sharpe",
                                scores: edge, tolerance: 0.25, share: 0.75).shape == .plateau)
        #expect(SensitivityGrid(xKey: "x", yKey: "y", xValues: ["1", "2", "3"], yValues: ["a", "b", "c"], metric: "sharpe",
                                scores: edge, tolerance: 0.25, share: 0.8).shape == .sharpPeak)
    }

    @Test func gridWithoutNeighboursIsUndetermined() {
        let grid = SensitivityGrid(xKey: "x", yKey: "y", xValues: ["1", "2"], yValues: ["a", "b"], metric: "sharpe",
                                   scores: [[nil, nil], [nil, 3.0]], tolerance: 0.25, share: 0.75)
        #expect(grid.bestRow == 1 && grid.bestColumn == 1 && grid.shape == .undetermined)
        let empty = SensitivityGrid(xKey: "x", yKey: "y", xValues: ["1"], yValues: ["a"], metric: "sharpe", scores: [[nil]],
                                    tolerance: 0.25, share: 0.75)
        #expect(empty.bestValue == nil && empty.shape == .undetermined)
    }

    @Test func checksAndVerdict() {
        #expect(ValidationCheck(name: "s", value: 1.0, atLeast: 1).passed)
        #expect(!ValidationCheck(name: "s", value: 0.99, atLeast: 1).passed)
        #expect(!ValidationCheck(name: "s", value: nil, atLeast: 1).passed)
        #expect(ValidationCheck(name: "dd", value: 0.15, atMost: 0.15).passed)
        #expect(!ValidationCheck(name: "dd", value: 0.1501, atMost: 0.15).passed)
        #expect(ValidationVerdict(checks: [ValidationCheck(name: "s", value: 2, atLeast: 1)]).go)
        #expect(!ValidationVerdict(checks: [ValidationCheck(name: "s", value: 2, atLeast: 1),
                                            ValidationCheck(name: "dd", value: 0.2, atMost: 0.15)]).go)
        #expect(!ValidationVerdict(checks: []).go)
    }

    @Test func sessionsAreBearOrRangeByTheirMajorityRegime() {
        func bar(_ iso: String, open: Int64, close: Int64) -> Bar {
            Bar(symbol: "NIFTY", start: BarCSVParser.parseTimestamp(iso)!, open: Paise(open), high: Paise(max(open, close)),
                low: Paise(min(open, close)), close: Paise(close), volume: 0)
        }
        let bars = [bar("2025-09-04T09:15:00+05:30", open: 1_000, close: 990), bar("2025-09-04T15:29:00+05:30", open: 990, close: 950),
                    bar("2025-09-05T09:15:00+05:30", open: 1_000, close: 1_010), bar("2025-09-05T15:29:00+05:30", open: 1_010, close: 1_020),
                    bar("2025-09-08T09:15:00+05:30", open: 1_000, close: 1_000)]
        let counts = ["2025-09-04": ["NO_TRADE": 300, "TREND": 40, "RANGE": 39],
                      "2025-09-05": ["RANGE": 50, "VOLATILE": 20],
                      "2025-09-08": ["TREND": 5, "VOLATILE": 5]]
        let sessions = SessionRegime.classify(counts: counts, bars: bars)
        #expect(sessions.map(\.day) == ["2025-09-04", "2025-09-05", "2025-09-08"])
        #expect(sessions.map(\.regime) == ["TREND", "RANGE", "TREND"])
        #expect(sessions[0].isBear && !sessions[0].isRange)      // TREND and 1000 → 950
        #expect(!sessions[1].isBear && sessions[1].isRange)
        #expect(!sessions[2].isBear)                             // a tie goes to TREND, but it did not fall
    }

    @Test func settingsReadTheValidationSectionAndRefuseUnknownKeys() throws {
        let settings = try ValidationSettings(values: ["validation.max_drawdown_pct": "10", "validation.grid_x_values": "3, 5",
                                                       "backtest.seed": "9"])
        #expect(settings.maxDrawdown == 0.1 && settings.gridXValues == ["3", "5"] && settings.seed == 9 && settings.sharpeMin == 1)
        #expect(throws: StrategyConfigError.self) { try ValidationSettings(values: ["validation.sharpe_mn": "1"]) }
        do {
            _ = try ValidationSettings(values: ["validation.sharpe_mn": "1"])
        } catch {
            #expect("\(error)".contains("validation.sharpe_mn"))
        }
        #expect(throws: StrategyConfigError.self) {
            try ValidationSettings(values: ["validation.train_pct": "80", "validation.validation_pct": "20"])
        }
    }

    static let bars: [Bar] = {
        let text = try! String(contentsOfFile: sharedDataPath("nifty50_1min_real.csv"), encoding: .utf8)
        return try! BarCSVParser(symbol: "NIFTY").parse(text)
    }()

    @Test func wholeSuiteOnRealBarsIsDeterministicAndCoversEverySession() throws {
        var settings = ValidationSettings()
        settings.gridXValues = ["9", "20"]
        settings.gridYValues = ["21", "50"]
        settings.monteCarloRuns = 100
        let values = ["strategies.enabled": "ema_cross", "backtest.slippage_bps": "2"]
        let report = try BacktestValidation.run(series: [Self.bars], values: values, settings: settings)
        #expect(report.full.sessions.count == 5)
        // Splits: 60 / 20 / 20 % of 5 sessions = 3 / 1 / 1, in order, disjoint, covering all.
        #expect(report.splits.map(\.sessions.count) == [3, 1, 1])
        #expect(report.splits.flatMap(\.sessions) == report.full.sessions)
        // Walk-forward 3 + 1 over 5 sessions: two windows, each testing the session after its training.
        #expect(report.walkForward.count == 2)
        for window in report.walkForward {
            #expect(window.trainSessions.count == 3 && window.testSessions.count == 1)
            #expect(window.trainSessions.last! < window.testSessions.first!)
            #expect(["9", "20"].contains(window.chosenX) && ["21", "50"].contains(window.chosenY))
        }
        #expect(report.stress.map(\.name) == ["slippage ×2", "slippage ×3", "flash crash", "bear only", "range only"])
        #expect(report.stress[0].detail.contains("4.0 bps") && report.stress[1].detail.contains("6.0 bps"))
        let grid = try #require(report.grid)
        #expect(grid.scores.count == 2 && grid.scores.allSatisfy { $0.count == 2 } && report.noGrid == nil)
        #expect(report.monteCarlo.trades == report.full.metrics?.trades && report.monteCarlo.runs == 100)
        #expect(report.verdict.checks.count == 6)
        #expect(report.sessionRegimes.count == 5)
        let bear = Set(report.sessionRegimes.filter(\.isBear).map(\.day))
        #expect(Set(report.stress[3].sessions) == bear)

        let again = try BacktestValidation.run(series: [Self.bars], values: values, settings: settings)
        #expect(again == report)
        #expect(ValidationPage.html(again) == ValidationPage.html(report))
        let html = ValidationPage.html(report)
        #expect(html.contains("<svg") && !html.contains("<script") && !html.contains("href=") && html.contains(report.verdict.label))
    }

    @Test func aGridCellWithTheFastEmaNotBelowTheSlowOneIsEmpty() throws {
        var settings = ValidationSettings()
        settings.gridXValues = ["9", "30"]
        settings.gridYValues = ["21"]
        settings.monteCarloRuns = 10
        let report = try BacktestValidation.run(series: [Self.bars], values: ["strategies.enabled": "ema_cross"], settings: settings)
        #expect(try #require(report.grid).scores[0][1] == nil)
    }

    @Test func aMisspeltGridKeyFailsNamingIt() {
        var settings = ValidationSettings()
        settings.gridX = "strategies.ema_cross.ema_fats"
        do {
            _ = try BacktestValidation.run(series: [Self.bars], values: ["strategies.enabled": "ema_cross"], settings: settings)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("strategies.ema_cross.ema_fats"))
        }
    }

    @Test func aGridWhoseCellsAllScoreTheSameIsFlatNeverAPlateau() {
        let grid = SensitivityGrid(xKey: "x", yKey: "y", xValues: ["1", "2", "3"], yValues: ["a", "b"], metric: "sharpe",
                                   scores: [[0.7, 0.7, nil], [0.7, 0.7, 0.7]], tolerance: 0.25, share: 0.75)
        #expect(grid.shape == .flat && grid.shape.summary == "flat: the parameters have no effect")
        #expect(grid.rule.hasPrefix("flat when every cell with a score has exactly the same one"))
        // Equal neighbours with a different cell elsewhere: a plateau; one scored cell: undetermined, not flat.
        let plateau = SensitivityGrid(xKey: "x", yKey: "y", xValues: ["1", "2", "3"], yValues: ["a", "b"], metric: "sharpe",
                                      scores: [[0.7, 0.7, 0.1], [0.7, 0.7, 0.7]], tolerance: 0.25, share: 0.75)
        #expect(plateau.shape == .plateau && plateau.shape.summary == "plateau")
        #expect(SensitivityGrid(xKey: "x", yKey: "y", xValues: ["1", "2"], yValues: ["a"], metric: "sharpe", scores: [[nil, 0.7]],
                                tolerance: 0.25, share: 0.75).shape == .undetermined)
    }

    @Test func aConfiguredGridKeyOfAStrategyThatIsNotEnabledFailsNamingIt() throws {
        let donchian = ["strategies.enabled": "donchian_retest"]
        do {
            _ = try ValidationSettings(values: donchian.merging(["validation.grid_x": "strategies.ema_cross.ema_fast"]) { $1 })
            Issue.record("accepted a grid key of ema_cross with only donchian_retest enabled")
        } catch {
            #expect("\(error)" == "config validation.grid_x: strategies.ema_cross.ema_fast is not a setting of an enabled strategy (donchian_retest)")
        }
        // grid_x configured right, grid_y left at ema_cross's default: grid_y is named.
        do {
            _ = try ValidationSettings(values: donchian.merging(["validation.grid_x": "strategies.donchian_retest.period"]) { $1 })
            Issue.record("accepted the default grid_y with ema_cross not enabled")
        } catch {
            #expect("\(error)" == "config validation.grid_y: strategies.ema_cross.ema_slow (the default) is not a setting of an enabled strategy (donchian_retest)")
        }
        // Both keys of the enabled strategy, or engine keys any strategy reads: accepted; every strategy when none is listed.
        let good = try ValidationSettings(values: donchian.merging(["validation.grid_x": "strategies.donchian_retest.period",
                                                                    "validation.grid_y": "backtest.slippage_bps"]) { $1 })
        let plan = try good.gridPlan(enabled: ["donchian_retest"])
        #expect(good.gridXConfigured && good.gridYConfigured && plan == nil)
        let everyStrategy = try ValidationSettings(values: [:]).gridPlan(enabled: ValidationSettings.enabledStrategies([:]))
        #expect(everyStrategy == nil)
        // The same check in the run itself, before anything runs (settings built in code).
        var settings = ValidationSettings()
        settings.gridXConfigured = true
        do {
            _ = try BacktestValidation.run(series: [Self.bars], values: donchian, settings: settings)
            Issue.record("ran a configured grid of a strategy that is not enabled")
        } catch {
            #expect("\(error)".contains("validation.grid_x: strategies.ema_cross.ema_fast is not a setting of an enabled strategy (donchian_retest)"))
        }
    }

    @Test func theDefaultGridWithoutEmaCrossIsSkippedWithANoteAndIsNotAPass() throws {
        let values = ["strategies.enabled": "donchian_retest", "backtest.slippage_bps": "2"]
        var settings = try ValidationSettings(values: values)
        settings.monteCarloRuns = 20
        #expect(!settings.gridXConfigured && !settings.gridYConfigured)
        let report = try BacktestValidation.run(series: [Self.bars], values: values, settings: settings)
        let note = try #require(report.noGrid)
        #expect(note.hasPrefix("no sensitivity grid: set validation.grid_x / grid_y to parameters of donchian_retest"))
        #expect(note.contains("walk-forward, which chooses grid points, not run") && note.contains("failed check (NO-GO)"))
        #expect(report.grid == nil && report.walkForward.isEmpty)
        #expect(report.splits.count == 3 && report.stress.count == 5 && report.full.metrics != nil)
        let check = try #require(report.verdict.checks.last)
        #expect(report.verdict.checks.count == 7 && check.name == "Sensitivity grid" && !check.passed && check.note == note)
        #expect(!report.verdict.go)
        let json = BacktestFiles.json(report)
        #expect(json.contains("\"no_grid\"") && json.contains("parameters of donchian_retest"))
        let decoded = try JSONDecoder().decode(ValidationReport.self, from: Data(json.utf8))
        #expect(decoded.noGrid == note && decoded.grid == nil && decoded.verdict == report.verdict)
        let html = ValidationPage.html(report)
        #expect(html.contains("no sensitivity grid: set validation.grid_x / grid_y to parameters of donchian_retest"))
        #expect(html.contains("<h2>Walk-forward</h2>\n<p>Not run: it chooses grid points") && !html.contains("plateau"))
    }

    @Test func aGridOfParametersWithNoEffectIsFlatAndNotAPass() throws {
        // The seed only draws the slippage jitter; with no jitter it changes nothing.
        var settings = ValidationSettings()
        settings.gridX = "backtest.seed"
        settings.gridXValues = ["1", "2", "3"]
        settings.gridY = "backtest.slippage_jitter_bps"
        settings.gridYValues = ["0"]
        settings.gridMetric = "total_return"
        settings.monteCarloRuns = 20
        let report = try BacktestValidation.run(series: [Self.bars], values: ["strategies.enabled": "ema_cross"], settings: settings)
        let grid = try #require(report.grid)
        #expect(grid.shape == .flat && report.noGrid == nil)
        let check = try #require(report.verdict.checks.last)
        #expect(check.name == "Sensitivity grid" && !check.passed && check.note?.hasPrefix("flat: the parameters have no effect") == true)
        let html = ValidationPage.html(report)
        #expect(html.contains("Shape: flat: the parameters have no effect") && !html.contains("Shape: plateau"))
    }

    @Test func comparisonListsOnlyTheSettingsThatDiffer() {
        let metrics = BacktestMetrics(initialCapital: Paise(1_000), equity: [], trades: [], sessions: 0)
        let a = BacktestRunConfig(values: ["k": "1", "same": "x"], data: [], from: nil, to: nil)
        let b = BacktestRunConfig(values: ["k": "2", "same": "x", "extra": "y"], data: [], from: nil, to: nil)
        let comparison = RunComparison(runs: [.init(name: "a", metrics: metrics, config: a), .init(name: "b", metrics: metrics, config: b)])
        #expect(comparison.differingSettings == [["extra", "-", "y"], ["k", "1", "2"]])
        #expect(comparison.text.contains("settings that differ") && comparison.html.contains("<table>"))
        #expect(comparison.metricRows.first == ["config_sha", String(a.configSha.prefix(12)), String(b.configSha.prefix(12))])
    }

    @Test func comparisonListsTheDaysAndTheDataSourceWhenTheyDiffer() {
        let metrics = BacktestMetrics(initialCapital: Paise(1_000), equity: [], trades: [], sessions: 0)
        let csv = BacktestRunConfig.DataFile(symbol: "NIFTY", path: "data/nifty.csv", sha256: String(repeating: "a", count: 64), bars: 10)
        let table = BacktestRunConfig.DataFile(symbol: "NIFTY", path: "bars", sha256: String(repeating: "b", count: 64), bars: 10,
                                               source: "postgres", timeframeSeconds: 60)
        let a = BacktestRunConfig(values: ["k": "1"], data: [csv], from: "2025-09-04", to: "2025-09-10")
        let b = BacktestRunConfig(values: ["k": "1"], data: [table], from: "2025-09-05", to: nil)
        let comparison = RunComparison(runs: [.init(name: "a", metrics: metrics, config: a), .init(name: "b", metrics: metrics, config: b)])
        #expect(comparison.differingSettings == [["from", "2025-09-04", "2025-09-05"], ["to", "2025-09-10", "-"],
                                                 ["data source", "NIFTY=data/nifty.csv", "NIFTY=postgres bars (60 s)"],
                                                 ["data sha256", "NIFTY aaaaaaaaaaaa", "NIFTY bbbbbbbbbbbb"]])
        #expect(comparison.text.contains("settings that differ") && comparison.text.contains("2025-09-05"))
        #expect(comparison.html.contains("<td class=\"l\">from</td><td>2025-09-04</td><td>2025-09-05</td>"))
        // Same days and data: only the settings.
        let c = BacktestRunConfig(values: ["k": "2"], data: [csv], from: "2025-09-04", to: "2025-09-10")
        let same = RunComparison(runs: [.init(name: "a", metrics: metrics, config: a), .init(name: "c", metrics: metrics, config: c)])
        #expect(same.differingSettings == [["k", "1", "2"]])
    }
}

@Suite("Backtest settings: charges and EMA periods from the configuration")
struct BacktestSettingsConfigTests {
    @Test func chargesComeFromTheRiskGateKeys() throws {
        let settings = try BacktestSettings(values: ["strategies.enabled": "ema_cross",
                                                     "risk_gate.charges.futures.brokerage_per_order": "0",
                                                     "risk_gate.charges.gst_pct": "5"])
        #expect(settings.limits.charges.futures.brokerageCap == .zero)
        #expect(settings.limits.charges.gstPercent == 5)
        #expect(settings.limits.charges.options == ChargeSchedule.nseDiscount2026.options)
        #expect(settings.effectiveValues(strategyValues: ["risk_gate.charges.gst_pct": "5"])["risk_gate.charges.gst_pct"] == "5")
        // Same keys, same schedule as risk-gate reads (no key: the default).
        #expect(try BacktestSettings(values: [:]).limits.charges == ChargeSchedule.nseDiscount2026)
        do {
            _ = try BacktestSettings(values: ["risk_gate.charges.futures.stt_sell_pct": "lots"])
            Issue.record("accepted a bad percentage")
        } catch {
            #expect("\(error)" == "config risk_gate.charges.futures.stt_sell_pct: a percentage from 0 to 100 like 0.05, got 'lots'")
        }
    }

    @Test func theSnapshotCarriesTheEmaCrossPeriods() throws {
        let settings = try BacktestSettings(values: ["strategies.enabled": "ema_cross", "strategies.ema_cross.ema_fast": "20",
                                                     "strategies.ema_cross.ema_slow": "50"])
        #expect(settings.emaFast == 20 && settings.emaSlow == 50)
        #expect(try BacktestSettings(values: ["strategies.enabled": "orb"]).emaFast == 9)
    }

    @Test func unknownBacktestAndStrategyKeysFailNamingThem() {
        for (key, value) in [("backtest.stop_fil", "stop"), ("strategies.ema_cross.fastt", "3"), ("strategies.nope.x", "1"),
                             ("backtest.stop_fill", "sometimes")] {
            do {
                _ = try BacktestSettings(values: ["strategies.enabled": "ema_cross", key: value])
                Issue.record("accepted \(key)")
            } catch {
                #expect("\(error)".contains(key), "\(error)")
            }
        }
    }
}
