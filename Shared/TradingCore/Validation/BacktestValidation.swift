import Foundation

/// The validation suite behind `aitrapp validate`, pure: bars and flattened configuration in,
/// a `ValidationReport` out; randomness only from `ValidationSettings.seed`.
///
/// - Whole period: one backtest with the configuration as given.
/// - Splits: the sessions in order, the first `train_pct` % train, the next `validation_pct` %
///   validation, the rest holdout (each at least one session; needs three), each run on its own.
/// - Walk-forward: windows of `walk_forward_train_sessions` then `walk_forward_test_sessions`,
///   stepped by the test length; in each the grid point with the best training score is run on the test sessions.
/// - The grid keys must be settings the enabled strategies read (`ValidationSettings.gridPlan`):
///   a configured key of a strategy that is not enabled fails before anything runs; the default
///   grid (ema_cross's) without ema_cross is skipped with walk-forward, noted in `noGrid`, and
///   the verdict gets a failed "Sensitivity grid" check (as it does for a flat grid).
/// - Stress: slippage (and its jitter) ×2 and ×3; flash crash = ×5 plus every stop filling at its
///   bar's worst price (`backtest.stop_fill: bar_extreme`); bear-only and range-only sessions
///   (see `SessionRegime`), skipped with a note when the data has none.
/// - Sensitivity grid (`SensitivityGrid`) on the whole period.
/// - Monte Carlo (`MonteCarloDrawdown`) of the whole period's trades.
/// - Verdict (`ValidationVerdict`).
public enum BacktestValidation {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public static func run(series: [[Bar]], values: [String: String], settings: ValidationSettings,
                           progress: (String) -> Void = { _ in }) throws -> ValidationReport {
        let base = try BacktestSettings(values: values)
        // Before anything runs: a configured grid key of a strategy that is not enabled fails naming it.
        let noGrid = try settings.gridPlan(enabled: base.pipeline.slots.map(\.name))
        let configSha = BacktestRunConfig(values: base.effectiveValues(strategyValues: values), data: [], from: nil, to: nil).configSha
        let primary = series.first(where: { !$0.isEmpty }) ?? []
        var daySet = Set<String>()
        for bars in series { for bar in bars { daySet.insert(IST.dayString(bar.start)) } }
        let sessions = daySet.sorted()
        guard sessions.count >= 3 else {
            throw Failure(description: "validation needs at least 3 sessions of bars, got \(sessions.count)")
        }

        progress("whole period")
        let fullResult = try backtest(series, values: values, sessions: nil)
        let fullMetrics = metrics(fullResult)
        let full = ValidationSegment(name: "whole period", detail: "the configuration as given", sessions: fullResult.sessions,
                                     metrics: fullMetrics)

        progress("splits")
        let trainCount = max(1, min(sessions.count - 2, Int((Double(sessions.count) * settings.trainFraction).rounded())))
        let validationCount = max(1, min(sessions.count - trainCount - 1,
                                         Int((Double(sessions.count) * settings.validationFraction).rounded())))
        let parts = [("train", Array(sessions[0..<trainCount])),
                     ("validation", Array(sessions[trainCount..<(trainCount + validationCount)])),
                     ("holdout", Array(sessions[(trainCount + validationCount)...]))]
        var splits: [ValidationSegment] = []
        for (name, days) in parts {
            let result = try backtest(series, values: values, sessions: Set(days))
            splits.append(ValidationSegment(name: name, detail: "sessions \(days.first ?? "") … \(days.last ?? "")",
                                            sessions: days, metrics: metrics(result)))
        }

        // No grid: no cells, so no walk-forward windows either.
        let gridValues = noGrid == nil ? gridVariants(values, settings: settings) : []
        if noGrid == nil { progress("sensitivity grid") }
        if noGrid == nil, gridValues.allSatisfy({ $0.allSatisfy { $0 == nil } }) {
            // Every cell invalid: say why, naming the key (a misspelt grid key, usually).
            let variant = StrategyBook.overriding(StrategyBook.overriding(values, key: settings.gridX, with: settings.gridXValues[0]),
                                                  key: settings.gridY, with: settings.gridYValues[0])
            do { _ = try BacktestSettings(values: variant) } catch { throw Failure(description: "validation grid: \(error)") }
        }
        var fullScores: [[Double?]] = []
        for row in gridValues {
            var line: [Double?] = []
            for variant in row {
                guard let variant, let result = try? backtest(series, values: variant, sessions: nil) else { line.append(nil); continue }
                line.append(SensitivityGrid.score(metrics(result), metric: settings.gridMetric))
            }
            fullScores.append(line)
        }
        let grid: SensitivityGrid? = noGrid != nil ? nil
            : SensitivityGrid(xKey: settings.gridX, yKey: settings.gridY, xValues: settings.gridXValues,
                              yValues: settings.gridYValues, metric: settings.gridMetric, scores: fullScores,
                              tolerance: settings.plateauTolerance, share: settings.plateauShare)

        var windows: [WalkForwardWindow] = []
        var start = 0
        if noGrid == nil { progress("walk-forward") }
        while noGrid == nil, start + settings.walkForwardTrainSessions + settings.walkForwardTestSessions <= sessions.count {
            let trainDays = Array(sessions[start..<(start + settings.walkForwardTrainSessions)])
            let testDays = Array(sessions[(start + settings.walkForwardTrainSessions)..<(start + settings.walkForwardTrainSessions
                                                                                          + settings.walkForwardTestSessions)])
            var best: (row: Int, column: Int, score: Double?, result: BacktestResult)?
            for (row, line) in gridValues.enumerated() {
                for (column, variant) in line.enumerated() {
                    guard let variant, let result = try? backtest(series, values: variant, sessions: Set(trainDays)) else { continue }
                    let score = SensitivityGrid.score(metrics(result), metric: settings.gridMetric)
                    let better: Bool
                    if let current = best { better = (score ?? -.infinity) > (current.score ?? -.infinity) } else { better = true }
                    if better { best = (row, column, score, result) }
                }
            }
            guard let best, let chosen = gridValues[best.row][best.column] else { break }
            let test = try backtest(series, values: chosen, sessions: Set(testDays))
            windows.append(WalkForwardWindow(index: windows.count + 1, trainSessions: trainDays, testSessions: testDays,
                                             chosenX: settings.gridXValues[best.column], chosenY: settings.gridYValues[best.row],
                                             trainScore: best.score, train: metrics(best.result), test: metrics(test)))
            start += settings.walkForwardTestSessions
        }

        progress("stress")
        var stress: [ValidationSegment] = []
        for multiple in [2.0, 3.0] {
            let result = try backtest(series, values: slippage(values, base: base, multiple: multiple), sessions: nil)
            stress.append(ValidationSegment(name: "slippage ×\(Int(multiple))",
                                            detail: "slippage \(base.slippageBps * multiple) bps, jitter \(base.slippageJitterBps * multiple) bps",
                                            sessions: result.sessions, metrics: metrics(result)))
        }
        var crash = slippage(values, base: base, multiple: 5)
        crash["backtest.stop_fill"] = "bar_extreme"
        let crashResult = try backtest(series, values: crash, sessions: nil)
        stress.append(ValidationSegment(name: "flash crash",
                                        detail: "slippage ×5 (\(base.slippageBps * 5) bps) and every stop gapping to its bar's worst price",
                                        sessions: crashResult.sessions, metrics: metrics(crashResult)))
        let regimes = SessionRegime.classify(counts: fullResult.sessionRegimes, bars: primary)
        for (name, pick) in [("bear only", regimes.filter(\.isBear)), ("range only", regimes.filter(\.isRange))] {
            let days = pick.map(\.day)
            let rule = name == "bear only" ? "sessions the classifier called TREND or VOLATILE that closed below their open"
                : "sessions the classifier called RANGE"
            guard !days.isEmpty else {
                stress.append(ValidationSegment(name: name, detail: "\(rule): none in the data, not run", sessions: [], metrics: nil))
                continue
            }
            let result = try backtest(series, values: values, sessions: Set(days))
            stress.append(ValidationSegment(name: name, detail: rule, sessions: days, metrics: metrics(result)))
        }

        progress("Monte Carlo")
        let monteCarlo = MonteCarloDrawdown(netPnl: fullResult.trades.map(\.netPnl), initialCapital: fullResult.initialCapital,
                                            runs: settings.monteCarloRuns, seed: settings.seed, threshold: settings.maxDrawdown)
        let gridProblem = noGrid ?? (grid?.shape == .flat
            ? "\(SensitivityGrid.Shape.flat.summary) (\(settings.gridX) × \(settings.gridY): every cell scores the same)" : nil)
        let verdict = ValidationVerdict.evaluate(full: fullMetrics, holdout: splits.last?.metrics, monteCarloP95: monteCarlo.p95,
                                                 settings: settings, gridProblem: gridProblem)
        return ValidationReport(configSha: configSha, settings: settings, full: full, splits: splits, walkForward: windows,
                                stress: stress, grid: grid, monteCarlo: monteCarlo, verdict: verdict, sessionRegimes: regimes,
                                noGrid: noGrid)
    }

    /// One backtest over the bars of `sessions` (all when nil).
    static func backtest(_ series: [[Bar]], values: [String: String], sessions: Set<String>?) throws -> BacktestResult {
        let settings = try BacktestSettings(values: values)
        let selected = sessions.map { days in series.map { $0.filter { days.contains(IST.dayString($0.start)) } } } ?? series
        return BacktestEngine.run(series: selected, settings: settings)
    }

    static func metrics(_ result: BacktestResult) -> BacktestMetrics {
        BacktestMetrics(initialCapital: result.initialCapital, equity: result.equity, trades: result.trades,
                        sessions: result.sessions.count)
    }

    /// The configuration of every grid cell (rows: y values, columns: x values); nil when it is invalid.
    static func gridVariants(_ values: [String: String], settings: ValidationSettings) -> [[[String: String]?]] {
        settings.gridYValues.map { y in
            settings.gridXValues.map { x in
                let variant = StrategyBook.overriding(StrategyBook.overriding(values, key: settings.gridX, with: x),
                                                      key: settings.gridY, with: y)
                return (try? BacktestSettings(values: variant)) == nil ? nil : variant
            }
        }
    }

    static func slippage(_ values: [String: String], base: BacktestSettings, multiple: Double) -> [String: String] {
        var variant = values
        variant["backtest.slippage_bps"] = "\(base.slippageBps * multiple)"
        variant["backtest.slippage_jitter_bps"] = "\(base.slippageJitterBps * multiple)"
        return variant
    }
}
