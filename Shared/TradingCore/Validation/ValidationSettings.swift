import Foundation

/// What `aitrapp validate` checks and how, from the `validation.*` section of the configuration
/// (every key checked; an unknown one is an error naming it). Defaults in brackets:
/// - `sharpe_min` [1], `max_drawdown_pct` [15], `calmar_min` [1.5]: the go / no-go thresholds;
/// - `train_pct` [60], `validation_pct` [20]: the chronological split of the sessions (the rest is holdout);
/// - `walk_forward_train_sessions` [3], `walk_forward_test_sessions` [1]: rolling windows, stepped by the test length;
/// - `grid_x`, `grid_y` [`strategies.ema_cross.ema_fast`, `strategies.ema_cross.ema_slow`] and
///   `grid_x_values`, `grid_y_values` [5,9,13,20,30 and 21,34,50,80,120]: the sensitivity grid. A
///   `strategies.<name>.<param>` key must be a setting of an enabled strategy (see `gridPlan`): a
///   configured one that is not fails naming it; the default grid without `ema_cross` is skipped;
/// - `grid_metric` [`sharpe`]: `sharpe`, `total_return` or `calmar`;
/// - `plateau_tolerance_pct` [25], `plateau_share_pct` [75]: the plateau rule (see `SensitivityGrid`);
/// - `monte_carlo_runs` [1000]: trade-order reshuffles; the seed is `backtest.seed`.
public struct ValidationSettings: Hashable, Sendable, Codable {
    public var sharpeMin: Double = 1
    public var maxDrawdown: Double = 0.15
    public var calmarMin: Double = 1.5
    public var trainFraction: Double = 0.6
    public var validationFraction: Double = 0.2
    public var walkForwardTrainSessions = 3
    public var walkForwardTestSessions = 1
    public var gridX = "strategies.ema_cross.ema_fast"
    public var gridXValues = ["5", "9", "13", "20", "30"]
    public var gridY = "strategies.ema_cross.ema_slow"
    public var gridYValues = ["21", "34", "50", "80", "120"]
    /// Whether `grid_x` / `grid_y` came from the configuration (false: the defaults above).
    public var gridXConfigured = false
    public var gridYConfigured = false
    public var gridMetric = "sharpe"
    public var plateauTolerance = 0.25
    public var plateauShare = 0.75
    public var monteCarloRuns = 1000
    public var seed: UInt64 = 42

    public static let metrics = ["sharpe", "total_return", "calmar"]

    public init() {}

    /// Reads `validation.*` from flattened `section.key` → text; `seed` from `backtest.seed`.
    public init(values: [String: String]) throws {
        var section: [String: String] = [:]
        for (key, value) in values where key.hasPrefix("validation.") { section[String(key.dropFirst("validation.".count))] = value }
        var reader = StrategyConfigReader(prefix: "validation", values: section)
        sharpeMin = try reader.double("sharpe_min", default: 1, in: -100...100)
        maxDrawdown = try reader.double("max_drawdown_pct", default: 15, in: 0.01...100) / 100
        calmarMin = try reader.double("calmar_min", default: 1.5, in: -100...1000)
        trainFraction = try reader.double("train_pct", default: 60, in: 1...98) / 100
        validationFraction = try reader.double("validation_pct", default: 20, in: 1...98) / 100
        guard trainFraction + validationFraction < 1 else {
            throw StrategyConfigError(key: "validation.validation_pct", expected: "train_pct + validation_pct below 100 (holdout is the rest)")
        }
        walkForwardTrainSessions = try reader.int("walk_forward_train_sessions", default: 3, in: 1...10_000)
        walkForwardTestSessions = try reader.int("walk_forward_test_sessions", default: 1, in: 1...10_000)
        gridXConfigured = section["grid_x"] != nil
        gridYConfigured = section["grid_y"] != nil
        gridX = reader.list("grid_x", default: [gridX]).joined(separator: ",")
        gridY = reader.list("grid_y", default: [gridY]).joined(separator: ",")
        gridXValues = reader.list("grid_x_values", default: gridXValues)
        gridYValues = reader.list("grid_y_values", default: gridYValues)
        for (key, name, list) in [("grid_x", gridX, gridXValues), ("grid_y", gridY, gridYValues)] {
            guard name.contains("."), !name.contains(",") else {
                throw StrategyConfigError(key: "validation.\(key)", expected: "one configuration key like strategies.ema_cross.ema_fast, got '\(name)'")
            }
            guard !list.isEmpty, list.count <= 20 else {
                throw StrategyConfigError(key: "validation.\(key)_values", expected: "1 to 20 values")
            }
        }
        gridMetric = try reader.choice("grid_metric", default: "sharpe", from: Self.metrics)
        plateauTolerance = try reader.double("plateau_tolerance_pct", default: 25, in: 0...1000) / 100
        plateauShare = try reader.double("plateau_share_pct", default: 75, in: 0...100) / 100
        monteCarloRuns = try reader.int("monte_carlo_runs", default: 1000, in: 1...1_000_000)
        try reader.checkNoUnknownKeys()
        _ = try gridPlan(enabled: Self.enabledStrategies(values))
        var backtest = StrategyConfigReader(prefix: "backtest", values: ["seed": values["backtest.seed"] ?? ""])
        seed = UInt64(try backtest.int("seed", default: 42, in: 0...Int.max))
    }

    /// `strategies.enabled` as `StrategyBook` reads it: the names listed, every strategy when empty.
    public static func enabledStrategies(_ values: [String: String]) -> [String] {
        let names = (values["strategies.enabled"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return names.isEmpty ? StrategyBook.names : names
    }

    /// The grid keys that are settings of a strategy not in `enabled` (`strategies.<name>.<param>`
    /// with `<name>` not enabled), as (`grid_x` or `grid_y`, key). Other keys (the engine's, like
    /// `backtest.slippage_bps`) are read whatever the strategy and are not listed.
    public func gridKeysOfDisabledStrategies(enabled: [String]) -> [(setting: String, key: String)] {
        [("grid_x", gridX), ("grid_y", gridY)].filter { _, key in
            let parts = key.split(separator: ".", omittingEmptySubsequences: false)
            return parts.count >= 3 && parts[0] == "strategies" && !enabled.contains(String(parts[1]))
        }.map { (setting: $0.0, key: $0.1) }
    }

    /// Whether the sensitivity grid applies to the enabled strategies: nil when it runs; when both
    /// keys are the defaults and name a strategy that is not enabled, the note saying it is skipped
    /// (with walk-forward, which chooses grid points; the verdict counts it as a failed check); when
    /// a key was configured, an error naming it (before anything runs).
    public func gridPlan(enabled: [String]) throws -> String? {
        let outside = gridKeysOfDisabledStrategies(enabled: enabled)
        guard let first = outside.first else { return nil }
        let configured = ["grid_x": gridXConfigured, "grid_y": gridYConfigured]
        let names = enabled.joined(separator: ", ")
        if configured.values.contains(true) {
            let bad = outside.first { configured[$0.setting] == true } ?? first
            let origin = configured[bad.setting] == true ? "" : " (the default)"
            throw StrategyConfigError(key: "validation.\(bad.setting)",
                                      expected: "\(bad.key)\(origin) is not a setting of an enabled strategy (\(names))")
        }
        return "no sensitivity grid: set validation.grid_x / grid_y to parameters of \(names) (the default grid, "
            + "\(gridX) × \(gridY), is for ema_cross, which is not enabled); walk-forward, which chooses grid points, not run; "
            + "the verdict counts the missing grid as a failed check (NO-GO)"
    }
}
