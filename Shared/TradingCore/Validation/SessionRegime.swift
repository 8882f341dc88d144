import Foundation

/// One session's regime for choosing stress periods: the regime the classifier gave most of its
/// bars (NO_TRADE, the warm-up, aside; ties in the order TREND, VOLATILE, RANGE), and whether the
/// first symbol closed below its open. A **bear** session is a TREND or VOLATILE one that fell;
/// a **range** session is a RANGE one.
public struct SessionRegime: Hashable, Sendable, Codable {
    public var day: String
    public var regime: String
    public var open: Paise
    public var close: Paise

    public init(day: String, regime: String, open: Paise, close: Paise) {
        self.day = day
        self.regime = regime
        self.open = open
        self.close = close
    }

    public var isBear: Bool { (regime == TradingRegime.trend.rawValue || regime == TradingRegime.volatile.rawValue) && close < open }
    public var isRange: Bool { regime == TradingRegime.range.rawValue }

    /// The majority regime of each day from a run's per-day counts, with the day's open and close from `bars`.
    public static func classify(counts: [String: [String: Int]], bars: [Bar]) -> [SessionRegime] {
        var opens: [String: Paise] = [:], closes: [String: Paise] = [:], days: [String] = []
        for bar in bars {
            let day = IST.dayString(bar.start)
            if opens[day] == nil { opens[day] = bar.open; days.append(day) }
            closes[day] = bar.close
        }
        let order = [TradingRegime.trend, .volatile, .range].map(\.rawValue)
        return days.map { day in
            let tally = counts[day] ?? [:]
            var best = TradingRegime.noTrade.rawValue, bestCount = 0
            for name in order where (tally[name] ?? 0) > bestCount {
                best = name
                bestCount = tally[name] ?? 0
            }
            return SessionRegime(day: day, regime: best, open: opens[day] ?? .zero, close: closes[day] ?? .zero)
        }
    }
}
