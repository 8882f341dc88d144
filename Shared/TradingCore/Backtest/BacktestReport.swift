import Foundation

/// `report.html`: one self-contained page (inline SVG and CSS, no scripts, no external
/// assets) with the summary metrics, the equity curve, the drawdown, daily P&L, the monthly
/// returns heatmap, the trade P&L and R distributions, and per-strategy / per-regime tables.
/// Built from the run folder's contents only, so `aitrapp report DIR` rebuilds it identically.
public enum BacktestReport {
    /// Each data file or table: its bars, SHA-256 and the gaps found in it (allowed, shown).
    static func dataTable(_ files: [BacktestRunConfig.DataFile]) -> String {
        var table = "<table>\n<tr><th class=\"l\">symbol</th><th class=\"l\">source</th><th>bars</th><th class=\"l\">sha256</th>"
            + "<th>gaps</th><th>bars missing</th><th class=\"l\">first gaps</th></tr>\n"
        for file in files {
            let source = file.source == "postgres" ? "postgres table \(file.path)" + (file.timeframeSeconds.map { " (\($0) s bars)" } ?? "")
                : file.path
            table += "<tr><td class=\"l\">\(escape(file.symbol))</td><td class=\"l\">\(escape(source))</td><td>\(file.bars)</td>"
                + "<td class=\"l\"><code>\(escape(String(file.sha256.prefix(16))))</code></td>"
                + "<td>\(file.gaps.map(String.init) ?? "-")</td><td>\(file.missingBars.map(String.init) ?? "-")</td>"
                + "<td class=\"l\">\(escape((file.firstGaps ?? []).joined(separator: "; ")))</td></tr>\n"
        }
        return table + "</table>\n"
    }

    public static func html(metrics: BacktestMetrics, equity: [EquityPoint], trades: [BacktestTrade], config: BacktestRunConfig) -> String {
        var page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>AITRAPP backtest \(String(config.configSha.prefix(12)))</title>
            <style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 24px}
            td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}
            h2{margin-top:28px}svg{background:#fafafa;border:1px solid #ddd}</style></head><body>
            <h1>Backtest report</h1>
            <p>config_sha <code>\(config.configSha)</code>; strategies \(escape(config.values["strategies.enabled"] ?? "")); \
            data \(escape(config.data.map { "\($0.symbol) (\($0.bars) bars)" }.joined(separator: ", "))); \
            fill rule \(escape(config.values["backtest.fill_rule"] ?? "")), slippage \(escape(config.values["backtest.slippage_bps"] ?? "")) bps.</p>
            <p><small>\(escape(BacktestMetrics.annualisation))</small></p>

            """
        page += "<h2>Summary</h2>\n<table>\n"
        for (name, value) in summaryRows(metrics) { page += "<tr><th class=\"l\">\(escape(name))</th><td>\(escape(value))</td></tr>\n" }
        page += "</table>\n"
        page += "<h2>Equity</h2>\n" + lineChart(equity.map { ($0.time, $0.equity.rupees) }, colour: "#1f6feb", fill: false)
        var peak = metrics.initialCapital.rupees
        let drawdown = equity.map { point -> (Date, Double) in
            peak = max(peak, point.equity.rupees)
            return (point.time, peak > 0 ? -(peak - point.equity.rupees) / peak * 100 : 0)
        }
        page += "<h2>Drawdown (%)</h2>\n" + lineChart(drawdown, colour: "#d1242f", fill: true)
        page += "<h2>Daily P&amp;L (₹)</h2>\n" + barChart(dailyPnl(metrics: metrics, equity: equity))
        page += "<h2>Monthly returns</h2>\n" + monthlyHeatmap(metrics: metrics, equity: equity)
        page += "<h2>Trade net P&amp;L distribution (₹)</h2>\n" + histogram(trades.map { $0.netPnl.rupees })
        page += "<h2>R multiple distribution</h2>\n" + histogram(trades.map(\.rMultiple))
        page += "<h2>By strategy</h2>\n" + groupTable(trades, title: "strategy", key: \.strategy)
        page += "<h2>By regime</h2>\n" + groupTable(trades, title: "regime", key: { $0.regime.isEmpty ? "-" : $0.regime })
        page += "<h2>By exit reason</h2>\n" + groupTable(trades, title: "exit", key: \.exitReason.rawValue)
        page += "<h2>Data</h2>\n" + dataTable(config.data)
        page += "</body></html>\n"
        return page
    }

    /// The one-screen summary (also printed by the CLI).
    public static func summaryRows(_ m: BacktestMetrics) -> [(String, String)] {
        func pct(_ value: Double?) -> String { value.map { String(format: "%.2f %%", $0 * 100) } ?? "n/a" }
        func num(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "n/a" }
        func rupees(_ value: Paise?) -> String { value.map { "₹" + $0.rupeeString } ?? "n/a" }
        return [
            ("Initial capital", rupees(m.initialCapital)), ("Final equity", rupees(m.finalEquity)),
            ("Net P&L", rupees(m.netPnl)), ("Gross P&L", rupees(m.grossPnl)), ("Charges paid", rupees(m.chargesPaid)),
            ("Total return", pct(m.totalReturn)), ("CAGR", pct(m.cagr)), ("Sharpe", num(m.sharpe)), ("Sortino", num(m.sortino)),
            ("Max drawdown", pct(m.maxDrawdown)),
            ("Max DD duration", String(format: "%.1f h (%d steps)", m.maxDrawdownDurationSeconds / 3600, m.maxDrawdownDurationSteps)),
            ("Calmar", num(m.calmar)), ("Trades", String(m.trades)), ("Win rate", pct(m.winRate)),
            ("Average win", rupees(m.averageWin)), ("Average loss", rupees(m.averageLoss)),
            ("Profit factor", num(m.profitFactor)), ("Expectancy (R)", num(m.expectancyR)),
            ("Exposure", pct(m.exposure)), ("Trades per day", num(m.tradesPerDay)), ("Sessions", String(m.sessions)),
        ]
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static let width = 900.0, height = 220.0, pad = 40.0

    /// A polyline over the points in step order (the x axis is the step index, so nights and
    /// weekends take no room), with the min and max labelled.
    static func lineChart(_ points: [(Date, Double)], colour: String, fill: Bool) -> String {
        guard let low = points.map(\.1).min(), let high = points.map(\.1).max() else { return "<p>No data.</p>\n" }
        let span = high - low > 0 ? high - low : 1
        let step = points.count > 1 ? (width - 2 * pad) / Double(points.count - 1) : 0
        let coords = thinned(points.map(\.1), limit: maxChartPoints).map { index, value in
            "\(f(pad + Double(index) * step)),\(f(height - pad - (value - low) / span * (height - 2 * pad)))"
        }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\">\n"
        if fill, let first = coords.first, let last = coords.last {
            let top = f(height - pad - (0 - low) / span * (height - 2 * pad))
            svg += "<polygon fill=\"\(colour)\" fill-opacity=\"0.25\" points=\"\(first.split(separator: ",")[0]),\(top) "
                + coords.joined(separator: " ") + " \(last.split(separator: ",")[0]),\(top)\"/>\n"
        }
        svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\" points=\"\(coords.joined(separator: " "))\"/>\n"
        svg += "<text x=\"2\" y=\"\(f(pad))\" font-size=\"11\">\(String(format: "%.2f", high))</text>\n"
        svg += "<text x=\"2\" y=\"\(f(height - pad + 12))\" font-size=\"11\">\(String(format: "%.2f", low))</text>\n"
        if let first = points.first, let last = points.last {
            svg += "<text x=\"\(f(pad))\" y=\"\(f(height - 8))\" font-size=\"11\">\(IndicatorTable.istTimestamp(first.0))</text>\n"
            svg += "<text x=\"\(f(width - pad))\" y=\"\(f(height - 8))\" font-size=\"11\" text-anchor=\"end\">\(IndicatorTable.istTimestamp(last.0))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// A chart is a few hundred pixels wide: more points than this only make the page heavy.
    static let maxChartPoints = 2_000

    /// The points to draw, with their index in `values`: all of them up to `limit`; beyond it,
    /// consecutive buckets each keep their lowest and highest point (in order), so every peak and
    /// trough of the curve is still drawn.
    static func thinned(_ values: [Double], limit: Int) -> [(index: Int, value: Double)] {
        guard values.count > limit, limit >= 4 else { return values.enumerated().map { ($0.offset, $0.element) } }
        let buckets = limit / 2
        var kept: [(index: Int, value: Double)] = []
        kept.reserveCapacity(limit + 2)
        for bucket in 0..<buckets {
            let lower = bucket * values.count / buckets, upper = (bucket + 1) * values.count / buckets
            guard lower < upper else { continue }
            var lowest = lower, highest = lower
            for index in lower..<upper {
                if values[index] < values[lowest] { lowest = index }
                if values[index] > values[highest] { highest = index }
            }
            for index in Set([lowest, highest]).sorted() { kept.append((index, values[index])) }
        }
        if kept.last?.index != values.count - 1 { kept.append((values.count - 1, values[values.count - 1])) }
        if kept.first?.index != 0 { kept.insert((0, values[0]), at: 0) }
        return kept
    }

    /// Labelled bars around a zero line, green up and red down.
    static func barChart(_ values: [(String, Double)]) -> String {
        guard !values.isEmpty else { return "<p>No data.</p>\n" }
        let extent = max(values.map { abs($0.1) }.max() ?? 0, 1e-9)
        let slot = (width - 2 * pad) / Double(values.count)
        let mid = height / 2
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\">\n"
        svg += "<line x1=\"\(f(pad))\" y1=\"\(f(mid))\" x2=\"\(f(width - pad))\" y2=\"\(f(mid))\" stroke=\"#888\"/>\n"
        for (index, (label, value)) in values.enumerated() {
            let h = abs(value) / extent * (mid - pad)
            let y = value >= 0 ? mid - h : mid
            svg += "<rect x=\"\(f(pad + Double(index) * slot + slot * 0.1))\" y=\"\(f(y))\" width=\"\(f(slot * 0.8))\" height=\"\(f(h))\" "
                + "fill=\"\(value >= 0 ? "#2da44e" : "#d1242f")\"><title>\(escape(label)): \(String(format: "%.2f", value))</title></rect>\n"
            if values.count <= 31 {
                svg += "<text x=\"\(f(pad + (Double(index) + 0.5) * slot))\" y=\"\(f(height - 6))\" font-size=\"10\" text-anchor=\"middle\">\(escape(label))</text>\n"
            }
        }
        return svg + "</svg>\n"
    }

    /// Twenty equal-width bins between the smallest and largest value.
    static func histogram(_ values: [Double]) -> String {
        guard let low = values.min(), let high = values.max() else { return "<p>No trades.</p>\n" }
        let bins = 20
        let span = high - low > 0 ? high - low : 1
        var counts = Array(repeating: 0, count: bins)
        for value in values { counts[min(bins - 1, Int((value - low) / span * Double(bins)))] += 1 }
        let labelled = counts.enumerated().map { index, count in
            (String(format: "%.2f", low + span * Double(index) / Double(bins)), Double(count))
        }
        return barChart(labelled)
    }

    static func dailyPnl(metrics: BacktestMetrics, equity: [EquityPoint]) -> [(String, Double)] {
        var result: [(String, Double)] = []
        var previous = metrics.initialCapital
        var lastDay: String?, lastEquity = metrics.initialCapital
        for point in equity {
            let day = IST.dayString(point.time.addingTimeInterval(-1))
            if let lastDay, lastDay != day {
                result.append((String(lastDay.suffix(5)), (lastEquity - previous).rupees))
                previous = lastEquity
            }
            lastDay = day
            lastEquity = point.equity
        }
        if let lastDay { result.append((String(lastDay.suffix(5)), (lastEquity - previous).rupees)) }
        return result
    }

    /// Months as rows of a year × month table, each cell coloured by its return.
    static func monthlyHeatmap(metrics: BacktestMetrics, equity: [EquityPoint]) -> String {
        var closes: [(month: String, equity: Paise)] = []
        for point in equity {
            let month = String(IST.dayString(point.time.addingTimeInterval(-1)).prefix(7))
            if closes.last?.month == month { closes[closes.count - 1].equity = point.equity } else { closes.append((month, point.equity)) }
        }
        var returns: [String: Double] = [:]
        var previous = metrics.initialCapital
        for close in closes {
            returns[close.month] = previous.value > 0 ? Double(close.equity.value) / Double(previous.value) - 1 : 0
            previous = close.equity
        }
        let years = Array(Set(returns.keys.map { String($0.prefix(4)) })).sorted()
        var html = "<table><tr><th class=\"l\">year</th>" + (1...12).map { "<th>\(String(format: "%02d", $0))</th>" }.joined() + "</tr>\n"
        for year in years {
            html += "<tr><th class=\"l\">\(year)</th>"
            for month in 1...12 {
                guard let value = returns[year + "-" + String(format: "%02d", month)] else { html += "<td></td>"; continue }
                let alpha = min(1, abs(value) / 0.05) * 0.8 + 0.1
                let colour = value >= 0 ? "45,164,78" : "209,36,47"
                html += "<td style=\"background:rgba(\(colour),\(String(format: "%.2f", alpha)))\">\(String(format: "%.2f%%", value * 100))</td>"
            }
            html += "</tr>\n"
        }
        return html + "</table>\n"
    }

    static func groupTable(_ trades: [BacktestTrade], title: String, key: (BacktestTrade) -> String) -> String {
        guard !trades.isEmpty else { return "<p>No trades.</p>\n" }
        let groups = Dictionary(grouping: trades, by: key)
        var html = "<table><tr><th class=\"l\">\(title)</th><th>trades</th><th>win rate</th><th>net P&amp;L ₹</th><th>charges ₹</th><th>expectancy R</th></tr>\n"
        for name in groups.keys.sorted() {
            let group = groups[name] ?? []
            let wins = group.filter { $0.netPnl > .zero }.count
            let net = group.reduce(Paise.zero) { $0 + $1.netPnl }, fees = group.reduce(Paise.zero) { $0 + $1.fees }
            let r = group.reduce(0) { $0 + $1.rMultiple } / Double(group.count)
            html += "<tr><td class=\"l\">\(escape(name))</td><td>\(group.count)</td><td>\(String(format: "%.1f%%", Double(wins) / Double(group.count) * 100))</td>"
                + "<td>\(net.rupeeString)</td><td>\(fees.rupeeString)</td><td>\(String(format: "%.2f", r))</td></tr>\n"
        }
        return html + "</table>\n"
    }
}
