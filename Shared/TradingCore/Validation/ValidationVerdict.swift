import Foundation

/// GO only when every check passes: Sharpe, max drawdown and Calmar of the whole period, Sharpe
/// and max drawdown of the holdout, and the Monte Carlo 95th-percentile drawdown; plus, when the
/// sensitivity grid says nothing (not run, or flat: its parameters have no effect), a failed
/// "Sensitivity grid" check — a grid that could not test the parameters is not a pass.
public struct ValidationVerdict: Hashable, Sendable, Codable {
    public var go: Bool
    public var checks: [ValidationCheck]

    public init(checks: [ValidationCheck]) {
        self.checks = checks
        go = !checks.isEmpty && checks.allSatisfy(\.passed)
    }

    public var label: String { go ? "GO" : "NO-GO" }

    /// `gridProblem`: why the grid says nothing (nil when it ran and is not flat).
    public static func evaluate(full: BacktestMetrics?, holdout: BacktestMetrics?, monteCarloP95: Double?,
                                settings: ValidationSettings, gridProblem: String? = nil) -> ValidationVerdict {
        var checks = [
            ValidationCheck(name: "Sharpe (whole period)", value: full?.sharpe, atLeast: settings.sharpeMin),
            ValidationCheck(name: "Max drawdown (whole period)", value: full?.maxDrawdown, atMost: settings.maxDrawdown),
            ValidationCheck(name: "Calmar (whole period)", value: full?.calmar, atLeast: settings.calmarMin),
            ValidationCheck(name: "Sharpe (holdout)", value: holdout?.sharpe, atLeast: settings.sharpeMin),
            ValidationCheck(name: "Max drawdown (holdout)", value: holdout?.maxDrawdown, atMost: settings.maxDrawdown),
            ValidationCheck(name: "Monte Carlo drawdown, 95th percentile", value: monteCarloP95, atMost: settings.maxDrawdown),
        ]
        if let gridProblem { checks.append(ValidationCheck(name: "Sensitivity grid", passed: false, note: gridProblem)) }
        return ValidationVerdict(checks: checks)
    }
}
