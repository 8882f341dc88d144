import Foundation

/// The order and pacing of a replay of one or many symbols' bars.
///
/// Bars of every series are merged by start time into steps (all bars with the same start,
/// in series order); a step is published at its bars' close. At `speed` 1 the wall-clock
/// pause between steps equals the market time between them, at N it is 1/N of it, and at
/// 0 there is no pause (as fast as possible). Pauses over `maximumPauseSeconds` (a night,
/// a weekend, a halt) are cut to it so a multi-day file does not sleep through the night.
public struct ReplayPlan: Sendable {
    public let steps: [[Bar]]
    public let speed: Double
    public let maximumPauseSeconds: Double

    public init(series: [[Bar]], speed: Double, maximumPauseSeconds: Double = 60) {
        precondition(speed >= 0, "speed must not be negative")
        var merged: [(series: Int, bar: Bar)] = []
        for (index, bars) in series.enumerated() {
            for bar in bars { merged.append((series: index, bar: bar)) }
        }
        merged.sort { (lhs: (series: Int, bar: Bar), rhs: (series: Int, bar: Bar)) -> Bool in
            lhs.bar.start == rhs.bar.start ? lhs.series < rhs.series : lhs.bar.start < rhs.bar.start
        }
        var steps: [[Bar]] = []
        for (_, bar) in merged {
            if let last = steps.last?.first, last.start == bar.start {
                steps[steps.count - 1].append(bar)
            } else {
                steps.append([bar])
            }
        }
        self.steps = steps
        self.speed = speed
        self.maximumPauseSeconds = maximumPauseSeconds
    }

    public var barCount: Int { steps.reduce(0) { $0 + $1.count } }

    /// Wall-clock seconds to wait before publishing step `index` (0 for the first).
    public func pauseSeconds(before index: Int) -> Double {
        guard speed > 0, index > 0, index < steps.count else { return 0 }
        let gap = steps[index][0].start.timeIntervalSince(steps[index - 1][0].start)
        return min(maximumPauseSeconds, max(0, gap) / speed)
    }
}
