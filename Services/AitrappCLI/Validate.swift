import ArgumentParser
import Foundation
import TradingCore

/// `aitrapp validate`: reads the bars and the config, runs `BacktestValidation` (pure, in the
/// core) and writes `validation.json` and `validation.html`; prints the verdict.
struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a strategy: splits, walk-forward, stress, sensitivity grid, Monte Carlo, go / no-go.",
        discussion: """
            Writes validation.json and validation.html (self-contained) into --out. Thresholds and \
            the grid come from the config's validation section (sharpe_min, max_drawdown_pct, \
            calmar_min, train_pct, validation_pct, walk_forward_train_sessions, \
            walk_forward_test_sessions, grid_x, grid_x_values, grid_y, grid_y_values, grid_metric, \
            plateau_tolerance_pct, plateau_share_pct, monte_carlo_runs). Exit status 0 for GO, 3 for NO-GO.
            """
    )

    @OptionGroup var options: RunOptions
    @Option(help: "Monte Carlo reshuffles (overrides validation.monte_carlo_runs).") var runs: Int?
    @Option(help: "Folder to write.") var out = "validation-run"

    func validate() throws {
        if let runs, runs < 1 { throw ValidationError("--runs must be at least 1") }
    }

    func run() async throws {
        let startedAt = Date()
        var values = RunInputs.values(options)
        if let runs { values["validation.monte_carlo_runs"] = String(runs) }
        let databaseURL = RunRecorder.url(databaseURL: options.databaseURL, record: options.record, values: values)
        let settings: ValidationSettings
        do {
            _ = try BacktestSettings(values: values)
            settings = try ValidationSettings(values: values)
        } catch {
            CommandOutput.fail("\(error)")
        }
        let (series, _, files) = await RunInputs.bars(options, values: values)
        let terminal = isatty(STDERR_FILENO) == 1
        let report: ValidationReport
        do {
            report = try BacktestValidation.run(series: series, values: values, settings: settings) { stage in
                if terminal { FileHandle.standardError.write(Data("validate: \(stage)…\n".utf8)) }
            }
        } catch {
            CommandOutput.fail("validate: \(error)")
        }
        let directory = URL(fileURLWithPath: out)
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            CommandOutput.fail("\(out): cannot create: \(error.localizedDescription)")
        }
        CommandOutput.write(BacktestFiles.json(report), to: directory, "validation.json")
        CommandOutput.write(ValidationPage.html(report), to: directory, "validation.html")

        func pct(_ value: Double?) -> String { value.map { String(format: "%.2f %%", $0 * 100) } ?? "n/a" }
        func num(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "n/a" }
        var rows: [(String, String)] = [("Folder", out), ("config_sha", String(report.configSha.prefix(16)))]
        for segment in [report.full] + report.splits + report.stress {
            let m = segment.metrics
            rows.append((segment.name, m.map { "return \(pct($0.totalReturn)), Sharpe \(num($0.sharpe)), max DD \(pct($0.maxDrawdown)), \($0.trades) trades" }
                         ?? "not run (\(segment.detail))"))
        }
        rows.append(("Walk-forward windows", report.noGrid == nil ? String(report.walkForward.count) : "not run (no grid)"))
        if let grid = report.grid {
            rows.append(("Grid optimum", grid.bestValue.map { "\(num($0)) (\(grid.metric)), \(grid.shape.summary)" } ?? "none"))
        } else {
            rows.append(("Grid", report.noGrid ?? "not run"))
        }
        rows.append(("Monte Carlo DD p50 / p95", "\(pct(report.monteCarlo.p50)) / \(pct(report.monteCarlo.p95)) over \(report.monteCarlo.runs) runs"))
        for check in report.verdict.checks where !check.passed { rows.append(("failed", check.name)) }
        rows.append(("Verdict", report.verdict.label))
        print(CommandOutput.table(rows), terminator: "")
        if let databaseURL, let metrics = report.full.metrics {
            await RunRecorder.record(url: databaseURL, request: RunRecorder.request(kind: "validate", strategies: options.strategy, files: files,
                                                                                    from: options.from, to: options.to, out: out),
                                     configSha: report.configSha, metrics: metrics, verdict: report.verdict.label, startedAt: startedAt)
        }
        if !report.verdict.go { throw ExitCode(3) }
    }
}
