import Foundation

/// The parameter sensitivity grid: one backtest per (x, y) pair of configuration values, scored
/// by `metric`; `scores[row][column]` is y's `row`-th value against x's `column`-th, nil when the
/// pair is invalid (e.g. a fast EMA not below the slow one) or the metric is undefined.
///
/// The shape of the optimum (the best score; ties go to the first in row-major order), by this
/// rule: among the optimum's valid neighbours (the up to 8 adjacent cells), those within
/// `tolerance` × |optimum| of it are "close"; a **plateau** when at least `share` of the
/// neighbours are close, a **sharp peak** otherwise, **undetermined** when it has no valid neighbour.
/// Before that rule: when at least two cells have a score and every score is exactly the same, the
/// grid is **flat** — the parameters have no effect (never a plateau).
public struct SensitivityGrid: Hashable, Sendable, Codable {
    public enum Shape: String, Hashable, Sendable, Codable {
        case plateau, sharpPeak = "sharp peak", undetermined, flat

        /// What the shape means, as reports print it.
        public var summary: String {
            self == .flat ? "flat: the parameters have no effect" : rawValue
        }
    }

    public var xKey: String
    public var yKey: String
    public var xValues: [String]
    public var yValues: [String]
    public var metric: String
    public var scores: [[Double?]]
    public var bestRow: Int?
    public var bestColumn: Int?
    public var shape: Shape
    public var closeNeighbours: Int
    public var neighbours: Int
    public var tolerance: Double
    public var share: Double
    public var rule: String

    public init(xKey: String, yKey: String, xValues: [String], yValues: [String], metric: String, scores: [[Double?]],
                tolerance: Double, share: Double) {
        self.xKey = xKey
        self.yKey = yKey
        self.xValues = xValues
        self.yValues = yValues
        self.metric = metric
        self.scores = scores
        self.tolerance = tolerance
        self.share = share
        rule = "flat when every cell with a score has exactly the same one (at least two): the parameters have no effect; "
            + "else plateau when at least \(Int((share * 100).rounded())) % of the optimum's valid neighbours (8-neighbourhood) score within "
            + "\(Int((tolerance * 100).rounded())) % of |optimum|; sharp peak otherwise; undetermined without a valid neighbour"
        var best: (row: Int, column: Int, value: Double)?
        for (row, line) in scores.enumerated() {
            for (column, value) in line.enumerated() {
                guard let value else { continue }
                if best == nil || value > best!.value { best = (row, column, value) }
            }
        }
        bestRow = best?.row
        bestColumn = best?.column
        var close = 0, count = 0
        if let best {
            for dr in -1...1 {
                for dc in -1...1 where dr != 0 || dc != 0 {
                    let r = best.row + dr, c = best.column + dc
                    guard scores.indices.contains(r), scores[r].indices.contains(c), let value = scores[r][c] else { continue }
                    count += 1
                    if abs(value - best.value) <= tolerance * abs(best.value) { close += 1 }
                }
            }
        }
        closeNeighbours = close
        neighbours = count
        let defined = scores.flatMap { $0 }.compactMap { $0 }
        if defined.count >= 2, defined.allSatisfy({ $0 == defined[0] }) {
            shape = .flat
        } else if count == 0 {
            shape = .undetermined
        } else {
            shape = Double(close) >= share * Double(count) ? .plateau : .sharpPeak
        }
    }

    public var bestValue: Double? {
        guard let bestRow, let bestColumn else { return nil }
        return scores[bestRow][bestColumn]
    }

    /// The grid's score of a run: `sharpe`, `total_return` or `calmar`.
    public static func score(_ metrics: BacktestMetrics, metric: String) -> Double? {
        switch metric {
        case "total_return": return metrics.totalReturn
        case "calmar": return metrics.calmar
        default: return metrics.sharpe
        }
    }
}
