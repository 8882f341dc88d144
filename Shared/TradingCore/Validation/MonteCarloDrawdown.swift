import Foundation

/// The drawdown distribution from reshuffling the order of the closed trades: each run draws a
/// permutation (Fisher–Yates on `SeededGenerator(seed)`), replays the net P&L from the initial
/// capital and takes the deepest (peak − equity) / peak, the initial capital being the first
/// peak. Intraday marks are not part of it (trade-to-trade equity only), so `original` can be
/// below the run's step-level maximum drawdown. Percentiles are nearest-rank.
public struct MonteCarloDrawdown: Hashable, Sendable, Codable {
    public var runs: Int
    public var seed: UInt64
    public var trades: Int
    /// The drawdown of the trades in their real order.
    public var original: Double
    public var mean: Double
    public var p50: Double
    public var p90: Double
    public var p95: Double
    public var p99: Double
    public var worst: Double
    /// Share of runs whose drawdown exceeded `threshold`.
    public var threshold: Double
    public var exceedingShare: Double
    /// 20 equal-width bins from 0 to `worst` (counts).
    public var histogram: [Int]

    public init(netPnl: [Paise], initialCapital: Paise, runs: Int, seed: UInt64, threshold: Double) {
        self.runs = runs
        self.seed = seed
        trades = netPnl.count
        self.threshold = threshold
        original = Self.maxDrawdown(netPnl, initialCapital: initialCapital)
        var generator = SeededGenerator(seed: seed)
        var order = netPnl
        var drawdowns: [Double] = []
        drawdowns.reserveCapacity(runs)
        for _ in 0..<runs {
            Self.shuffle(&order, using: &generator)
            drawdowns.append(Self.maxDrawdown(order, initialCapital: initialCapital))
        }
        let sorted = drawdowns.sorted()
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let rank = Int((p * Double(sorted.count)).rounded(.up))
            return sorted[min(max(rank, 1), sorted.count) - 1]
        }
        mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
        p50 = percentile(0.5)
        p90 = percentile(0.9)
        p95 = percentile(0.95)
        p99 = percentile(0.99)
        worst = sorted.last ?? 0
        exceedingShare = sorted.isEmpty ? 0 : Double(sorted.filter { $0 > threshold }.count) / Double(sorted.count)
        var bins = Array(repeating: 0, count: 20)
        if worst > 0 { for value in sorted { bins[min(19, Int(value / worst * 20))] += 1 } } else { bins[0] = sorted.count }
        histogram = bins
    }

    /// Fisher–Yates, drawing j uniformly from 0…i by rejection (no modulo bias), so a seed fixes the order.
    static func shuffle<T>(_ values: inout [T], using generator: inout SeededGenerator) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            let bound = UInt64(i + 1)
            let limit = UInt64.max - UInt64.max % bound
            var draw = generator.next()
            while draw >= limit { draw = generator.next() }
            values.swapAt(i, Int(draw % bound))
        }
    }

    /// The deepest (peak − equity) / peak of the cumulative P&L path from `initialCapital`.
    public static func maxDrawdown(_ netPnl: [Paise], initialCapital: Paise) -> Double {
        var equity = initialCapital.value, peak = initialCapital.value, depth = 0.0
        for pnl in netPnl {
            equity += pnl.value
            if equity > peak { peak = equity } else if peak > 0 { depth = max(depth, Double(peak - equity) / Double(peak)) }
        }
        return depth
    }
}
