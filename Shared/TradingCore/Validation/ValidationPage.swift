import Foundation

/// `validation.html`: one self-contained page (inline CSS and SVG, no scripts, no external
/// assets) with the verdict, the split comparison, walk-forward, stress, the sensitivity heatmap
/// and the Monte Carlo drawdown distribution. Built from the report only.
public enum ValidationPage {
    public static func html(_ report: ValidationReport) -> String {
        let e = BacktestReport.escape
        var page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>AITRAPP validation \(String(report.configSha.prefix(12)))</title>
            <style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 24px}
            td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}
            .go{background:#2da44e;color:#fff;padding:6px 14px;display:inline-block;font-size:20px}
            .nogo{background:#d1242f;color:#fff;padding:6px 14px;display:inline-block;font-size:20px}
            td.pass{color:#1a7f37}td.fail{color:#d1242f;font-weight:bold}svg{background:#fafafa;border:1px solid #ddd}</style></head><body>
            <h1>Validation report</h1>
            <p>config_sha <code>\(report.configSha)</code>; whole period \(e(report.full.span)); seed \(report.settings.seed).</p>
            <p><small>\(e(BacktestMetrics.annualisation))</small></p>

            """
        page += "<h2>Verdict</h2>\n<p><span class=\"\(report.verdict.go ? "go" : "nogo")\">\(report.verdict.label)</span></p>\n"
        page += "<table>\n<tr><th class=\"l\">check</th><th>value</th><th>threshold</th><th>result</th></tr>\n"
        for check in report.verdict.checks {
            if let note = check.note {
                page += "<tr><td class=\"l\">\(e(check.name))</td><td class=\"l\" colspan=\"2\">\(e(note))</td>"
                    + "<td class=\"\(check.passed ? "pass" : "fail")\">\(check.passed ? "pass" : "FAIL")</td></tr>\n"
                continue
            }
            let percent = check.name.contains("drawdown")
            let value = check.value.map { percent ? pct($0) : num($0) } ?? "n/a"
            let threshold = percent ? pct(check.threshold) : num(check.threshold)
            page += "<tr><td class=\"l\">\(e(check.name))</td><td>\(value)</td><td>\(e(check.comparison)) \(threshold)</td>"
                + "<td class=\"\(check.passed ? "pass" : "fail")\">\(check.passed ? "pass" : "FAIL")</td></tr>\n"
        }
        page += "</table>\n"

        page += "<h2>Train / validation / holdout</h2>\n" + segmentTable([report.full] + report.splits)
        page += "<h2>Walk-forward</h2>\n"
        if let noGrid = report.noGrid {
            page += "<p>Not run: it chooses grid points, and there is no grid (\(e(noGrid))).</p>\n"
        } else if report.walkForward.isEmpty {
            page += "<p>Not enough sessions for one window of \(report.settings.walkForwardTrainSessions) + \(report.settings.walkForwardTestSessions).</p>\n"
        } else {
            page += "<p>Each window picks the grid point with the best training \(e(report.settings.gridMetric)) and runs it unchanged on the test sessions."
                + (report.grid?.shape == .flat ? " The grid is flat (the parameters have no effect): each choice is the first cell, not a finding." : "")
                + "</p>\n"
            page += "<table>\n<tr><th>#</th><th class=\"l\">train</th><th class=\"l\">test</th><th>\(e(report.settings.gridX))</th>"
                + "<th>\(e(report.settings.gridY))</th><th>train score</th><th>train return</th><th>test return</th><th>test Sharpe</th>"
                + "<th>test max DD</th><th>test trades</th></tr>\n"
            for w in report.walkForward {
                page += "<tr><td>\(w.index)</td><td class=\"l\">\(e(span(w.trainSessions)))</td><td class=\"l\">\(e(span(w.testSessions)))</td>"
                    + "<td>\(e(w.chosenX))</td><td>\(e(w.chosenY))</td><td>\(w.trainScore.map(num) ?? "n/a")</td>"
                    + "<td>\(pct(w.train.totalReturn))</td><td>\(pct(w.test.totalReturn))</td><td>\(w.test.sharpe.map(num) ?? "n/a")</td>"
                    + "<td>\(pct(w.test.maxDrawdown))</td><td>\(w.test.trades)</td></tr>\n"
            }
            page += "</table>\n"
        }
        page += "<h2>Stress</h2>\n" + segmentTable([report.full] + report.stress)
        page += "<h3>Sessions by regime</h3>\n<table>\n<tr><th class=\"l\">session</th><th class=\"l\">regime</th><th>open</th><th>close</th><th class=\"l\">bear</th><th class=\"l\">range</th></tr>\n"
        for s in report.sessionRegimes {
            page += "<tr><td class=\"l\">\(s.day)</td><td class=\"l\">\(s.regime)</td><td>\(s.open.rupeeString)</td><td>\(s.close.rupeeString)</td>"
                + "<td class=\"l\">\(s.isBear ? "yes" : "")</td><td class=\"l\">\(s.isRange ? "yes" : "")</td></tr>\n"
        }
        page += "</table>\n"

        page += "<h2>Parameter sensitivity (\(e(report.settings.gridMetric)), whole period)</h2>\n"
        if let g = report.grid {
            page += heatmap(g)
            if g.shape == .flat {
                page += "<p><strong>Shape: \(e(g.shape.summary))</strong>: every cell scores \(g.bestValue.map(num) ?? "n/a"), so \(e(g.xKey)) and "
                    + "\(e(g.yKey)) change nothing; not counted as a pass. Rule: \(e(g.rule)).</p>\n"
            } else if let best = g.bestValue, let row = g.bestRow, let column = g.bestColumn {
                page += "<p>Optimum \(e(g.xKey)) = \(e(g.xValues[column])), \(e(g.yKey)) = \(e(g.yValues[row])): \(num(best)). "
                    + "<strong>Shape: \(e(g.shape.summary))</strong> (\(g.closeNeighbours) of \(g.neighbours) neighbours close). Rule: \(e(g.rule)).</p>\n"
            } else {
                page += "<p>No cell has a defined \(e(g.metric)): shape undetermined.</p>\n"
            }
        } else {
            page += "<p><strong>\(e(report.noGrid ?? "no sensitivity grid"))</strong>.</p>\n"
        }

        let mc = report.monteCarlo
        page += "<h2>Monte Carlo: drawdown of \(mc.runs) reshuffles of \(mc.trades) trades (seed \(mc.seed))</h2>\n"
        page += "<table>\n<tr><th>real order</th><th>mean</th><th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>worst</th>"
            + "<th>runs above \(pct(mc.threshold))</th></tr>\n<tr><td>\(pct(mc.original))</td><td>\(pct(mc.mean))</td><td>\(pct(mc.p50))</td>"
            + "<td>\(pct(mc.p90))</td><td>\(pct(mc.p95))</td><td>\(pct(mc.p99))</td><td>\(pct(mc.worst))</td><td>\(pct(mc.exceedingShare))</td></tr>\n</table>\n"
        let labelled = mc.histogram.enumerated().map { index, count in
            (String(format: "%.2f%%", mc.worst * 100 * Double(index) / 20), Double(count))
        }
        page += BacktestReport.barChart(labelled)
        page += "<p><small>Trade-to-trade equity (no intraday marks); bins from 0 to the worst drawdown.</small></p>\n"
        page += "</body></html>\n"
        return page
    }

    static func pct(_ value: Double) -> String { String(format: "%.2f %%", value * 100) }
    static func num(_ value: Double) -> String { String(format: "%.2f", value) }
    static func span(_ days: [String]) -> String {
        guard let first = days.first, let last = days.last else { return "-" }
        return first == last ? first : "\(first) … \(last)"
    }

    /// Metrics side by side, one column per segment.
    static func segmentTable(_ segments: [ValidationSegment]) -> String {
        let e = BacktestReport.escape
        var html = "<table>\n<tr><th class=\"l\">metric</th>" + segments.map { "<th>\(e($0.name))</th>" }.joined() + "</tr>\n"
        html += "<tr><td class=\"l\">sessions</td>" + segments.map { "<td>\(e(span($0.sessions)))</td>" }.joined() + "</tr>\n"
        let rows: [(String, (BacktestMetrics) -> String)] = [
            ("total return", { pct($0.totalReturn) }), ("Sharpe", { $0.sharpe.map(num) ?? "n/a" }),
            ("Sortino", { $0.sortino.map(num) ?? "n/a" }), ("max drawdown", { pct($0.maxDrawdown) }),
            ("Calmar", { $0.calmar.map(num) ?? "n/a" }), ("trades", { String($0.trades) }),
            ("win rate", { $0.winRate.map(pct) ?? "n/a" }), ("profit factor", { $0.profitFactor.map(num) ?? "n/a" }),
            ("expectancy (R)", { $0.expectancyR.map(num) ?? "n/a" }), ("net P&L (₹)", { $0.netPnl.rupeeString }),
            ("charges (₹)", { $0.chargesPaid.rupeeString }),
        ]
        for (name, cell) in rows {
            html += "<tr><td class=\"l\">\(e(name))</td>" + segments.map { "<td>\($0.metrics.map(cell) ?? "not run")</td>" }.joined() + "</tr>\n"
        }
        html += "<tr><td class=\"l\">how</td>" + segments.map { "<td class=\"l\"><small>\(e($0.detail))</small></td>" }.joined() + "</tr>\n"
        return html + "</table>\n"
    }

    /// The grid as coloured cells (red low → green high, grey when undefined), the optimum outlined.
    static func heatmap(_ grid: SensitivityGrid) -> String {
        let e = BacktestReport.escape
        let cell = 70.0, left = 90.0, top = 30.0
        let width = left + cell * Double(grid.xValues.count) + 10, height = top + cell * Double(grid.yValues.count) + 40
        let defined = grid.scores.flatMap { $0 }.compactMap { $0 }
        let low = defined.min() ?? 0, high = defined.max() ?? 0
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\">\n"
        for (row, line) in grid.scores.enumerated() {
            let y = top + Double(row) * cell
            svg += "<text x=\"\(BacktestReport.f(left - 6))\" y=\"\(BacktestReport.f(y + cell / 2 + 4))\" font-size=\"12\" text-anchor=\"end\">\(e(grid.yValues[row]))</text>\n"
            for (column, value) in line.enumerated() {
                let x = left + Double(column) * cell
                let fill: String
                if let value {
                    let t = high > low ? (value - low) / (high - low) : 0.5
                    fill = colour(t)
                } else {
                    fill = "#cccccc"
                }
                let best = grid.bestRow == row && grid.bestColumn == column
                svg += "<rect x=\"\(BacktestReport.f(x))\" y=\"\(BacktestReport.f(y))\" width=\"\(Int(cell))\" height=\"\(Int(cell))\" fill=\"\(fill)\""
                    + (best ? " stroke=\"#000\" stroke-width=\"3\"" : " stroke=\"#fff\"") + "><title>\(e(grid.xKey))=\(e(grid.xValues[column])), "
                    + "\(e(grid.yKey))=\(e(grid.yValues[row])): \(value.map(num) ?? "n/a")</title></rect>\n"
                svg += "<text x=\"\(BacktestReport.f(x + cell / 2))\" y=\"\(BacktestReport.f(y + cell / 2 + 4))\" font-size=\"12\" text-anchor=\"middle\">\(value.map(num) ?? "–")</text>\n"
            }
        }
        let bottom = top + cell * Double(grid.yValues.count)
        for (column, label) in grid.xValues.enumerated() {
            svg += "<text x=\"\(BacktestReport.f(left + (Double(column) + 0.5) * cell))\" y=\"\(BacktestReport.f(bottom + 16))\" font-size=\"12\" text-anchor=\"middle\">\(e(label))</text>\n"
        }
        svg += "<text x=\"\(BacktestReport.f(left))\" y=\"\(BacktestReport.f(bottom + 34))\" font-size=\"12\">x: \(e(grid.xKey))</text>\n"
        svg += "<text x=\"4\" y=\"18\" font-size=\"12\">y: \(e(grid.yKey))</text>\n"
        return svg + "</svg>\n"
    }

    /// Red (#d1242f) at 0 through yellow to green (#2da44e) at 1.
    static func colour(_ t: Double) -> String {
        let t = min(max(t, 0), 1)
        let (r, g, b): (Double, Double, Double) = t < 0.5
            ? (209 + (240 - 209) * t * 2, 36 + (200 - 36) * t * 2, 47 + (60 - 47) * t * 2)
            : (240 + (45 - 240) * (t - 0.5) * 2, 200 + (164 - 200) * (t - 0.5) * 2, 60 + (78 - 60) * (t - 0.5) * 2)
        return String(format: "#%02x%02x%02x", Int(r.rounded()), Int(g.rounded()), Int(b.rounded()))
    }
}
