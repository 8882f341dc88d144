import Foundation

/// Several run folders side by side (`aitrapp compare`): one column per run, one row per metric,
/// then every input (from, to, data source and digest) and configuration key whose value differs between the runs. Pure: built from each
/// run's `metrics.json` and `config.json` contents.
public struct RunComparison: Sendable {
    public struct Run: Sendable {
        public var name: String
        public var metrics: BacktestMetrics
        public var config: BacktestRunConfig

        public init(name: String, metrics: BacktestMetrics, config: BacktestRunConfig) {
            self.name = name
            self.metrics = metrics
            self.config = config
        }
    }

    public var runs: [Run]

    public init(runs: [Run]) {
        self.runs = runs
    }

    /// Metric rows: the name, then one cell per run (the summary's formatting).
    public var metricRows: [[String]] {
        let summaries = runs.map { BacktestReport.summaryRows($0.metrics) }
        guard let names = summaries.first?.map(\.0) else { return [] }
        var rows = [["config_sha"] + runs.map { String($0.config.configSha.prefix(12)) }]
        rows.append(["data"] + runs.map { $0.config.data.map { "\($0.symbol) \($0.bars) bars" }.joined(separator: "; ") })
        for (index, name) in names.enumerated() { rows.append([name] + summaries.map { $0[index].1 }) }
        return rows
    }

    /// The run's inputs besides its settings, in this order: `from` and `to` (the IST days of
    /// `--from` / `--to`, `-` when unbounded), `data source` (`SYMBOL=path` for a CSV file,
    /// `SYMBOL=postgres bars (60 s)` for the `bars` table) and `data sha256` (each source's first 12 hex digits).
    public static func inputs(_ config: BacktestRunConfig) -> [(String, String)] {
        let sources = config.data.map { file in
            file.source == "postgres" ? "\(file.symbol)=postgres \(file.path)\(file.timeframeSeconds.map { " (\($0) s)" } ?? "")"
                : "\(file.symbol)=\(file.path)"
        }
        return [("from", config.from ?? "-"), ("to", config.to ?? "-"), ("data source", sources.joined(separator: ", ")),
                ("data sha256", config.data.map { "\($0.symbol) \($0.sha256.prefix(12))" }.joined(separator: ", "))]
    }

    /// The inputs (`inputs`: from, to, data source, data sha256) then the configuration keys whose
    /// values are not the same in every run (a missing key shown as `-`).
    public var differingSettings: [[String]] {
        let runInputs = runs.map { Self.inputs($0.config) }
        let inputRows: [[String]] = (runInputs.first ?? []).indices.compactMap { index in
            let cells = runInputs.map { $0[index].1 }
            return Set(cells).count > 1 ? [runInputs[0][index].0] + cells : nil
        }
        let keys = Set(runs.flatMap { $0.config.values.keys }).sorted()
        return inputRows + keys.compactMap { key in
            let cells = runs.map { $0.config.values[key] ?? "-" }
            return Set(cells).count > 1 ? [key] + cells : nil
        }
    }

    /// An aligned text table (the runs as columns).
    public var text: String {
        let header = ["metric"] + runs.map(\.name)
        var rows = [header] + metricRows
        let differing = differingSettings
        if !differing.isEmpty { rows.append(["settings that differ:"] + runs.map { _ in "" }) }
        rows += differing
        let widths = (0..<header.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }

    /// `compare.html`: self-contained, the same tables, the best value of each ranked metric in bold.
    public var html: String {
        let e = BacktestReport.escape
        var page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>AITRAPP run comparison</title>
            <style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 24px}
            td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}</style></head><body>
            <h1>Run comparison</h1>
            <p><small>\(e(BacktestMetrics.annualisation))</small></p>
            <table>
            <tr><th class="l">metric</th>\(runs.map { "<th>\(e($0.name))</th>" }.joined())</tr>

            """
        let best = bestColumns
        for row in metricRows {
            page += "<tr><td class=\"l\">\(e(row[0]))</td>"
            for (index, cell) in row.dropFirst().enumerated() {
                let strong = best[row[0]]?.contains(index) == true
                page += "<td>\(strong ? "<strong>" : "")\(e(cell))\(strong ? "</strong>" : "")</td>"
            }
            page += "</tr>\n"
        }
        page += "</table>\n<h2>Settings that differ</h2>\n"
        let differing = differingSettings
        if differing.isEmpty {
            page += "<p>None: the runs share every setting.</p>\n"
        } else {
            page += "<table>\n<tr><th class=\"l\">key</th>\(runs.map { "<th>\(e($0.name))</th>" }.joined())</tr>\n"
            for row in differing { page += "<tr><td class=\"l\">\(e(row[0]))</td>" + row.dropFirst().map { "<td>\(e($0))</td>" }.joined() + "</tr>\n" }
            page += "</table>\n"
        }
        return page + "</body></html>\n"
    }

    /// For the metrics where more (or less) is better, the runs holding the best value.
    var bestColumns: [String: Set<Int>] {
        let ranked: [(String, (BacktestMetrics) -> Double?, Bool)] = [
            ("Total return", { $0.totalReturn }, true), ("Sharpe", { $0.sharpe }, true), ("Sortino", { $0.sortino }, true),
            ("Max drawdown", { $0.maxDrawdown }, false), ("Calmar", { $0.calmar }, true),
            ("Profit factor", { $0.profitFactor }, true), ("Expectancy (R)", { $0.expectancyR }, true),
        ]
        var result: [String: Set<Int>] = [:]
        for (name, value, higher) in ranked {
            let values = runs.map { value($0.metrics) }
            let defined = values.compactMap { $0 }
            guard runs.count > 1, let target = higher ? defined.max() : defined.min() else { continue }
            result[name] = Set(values.enumerated().filter { $0.element == target }.map(\.offset))
        }
        return result
    }
}
