import Foundation

/// Everything `aitrapp validate` found, written as `validation.json` and rendered by `ValidationPage`.
public struct ValidationReport: Hashable, Sendable, Codable {
    public var configSha: String
    public var settings: ValidationSettings
    /// The whole period with the configured parameters.
    public var full: ValidationSegment
    /// Train, validation and holdout, chronological, run separately (indicators warm up in each).
    public var splits: [ValidationSegment]
    public var walkForward: [WalkForwardWindow]
    /// Slippage ×2, ×3, flash crash, bear-only, range-only.
    public var stress: [ValidationSegment]
    /// Nil when the grid was not run (`noGrid` says why).
    public var grid: SensitivityGrid?
    /// Why there is no grid (and no walk-forward), e.g. the default grid with `ema_cross` not enabled.
    public var noGrid: String?
    public var monteCarlo: MonteCarloDrawdown
    public var verdict: ValidationVerdict
    /// The regime the classifier gave each session (majority of its bars, NO_TRADE aside) and whether it fell.
    public var sessionRegimes: [SessionRegime]

    public init(configSha: String, settings: ValidationSettings, full: ValidationSegment, splits: [ValidationSegment],
                walkForward: [WalkForwardWindow], stress: [ValidationSegment], grid: SensitivityGrid?,
                monteCarlo: MonteCarloDrawdown, verdict: ValidationVerdict, sessionRegimes: [SessionRegime], noGrid: String? = nil) {
        self.configSha = configSha
        self.settings = settings
        self.full = full
        self.splits = splits
        self.walkForward = walkForward
        self.stress = stress
        self.grid = grid
        self.noGrid = noGrid
        self.monteCarlo = monteCarlo
        self.verdict = verdict
        self.sessionRegimes = sessionRegimes
    }

    enum CodingKeys: String, CodingKey {
        case configSha = "config_sha", settings, full, splits, walkForward = "walk_forward", stress, grid, noGrid = "no_grid",
             monteCarlo = "monte_carlo", verdict, sessionRegimes = "session_regimes"
    }
}
