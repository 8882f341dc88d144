import Foundation

/// The order of one bar file's rows, checked as a whole: every duplicated start (refused, with
/// both line numbers), every row earlier than one above it (refused), and every gap inside the
/// NSE session 09:15–15:30 IST (allowed): bars missing between two bars of the same IST day, before
/// a day's first bar (a late open: the first bar starts after 09:15) and after its last (an early
/// close: the last bar ends before 15:30; a 5-minute file ends with the 15:25 bar). A new day is
/// not a gap, and a day with no bar inside the session (a special session) has no open or close
/// gap. Pure arithmetic on Unix seconds, one pass for a sorted file.
public struct BarSeriesCheck: Sendable, Hashable {
    /// Duplicates and unsorted rows, in line order.
    public let refused: [BarFileIssue]
    /// Gaps (`gap`, `lateOpen`, `earlyClose`), in time order.
    public let gaps: [BarFileIssue]
    /// The bar length the gaps were measured with (given, or the commonest step between bars).
    public let timeframeSeconds: Int64

    public var isAccepted: Bool { refused.isEmpty }
    public var missingBars: Int { gaps.reduce(0) { $0 + $1.missingBars } }

    /// `starts[i]` is the start (Unix seconds) of the row on line `lines[i]`; without `lines`,
    /// row i is called line i + 1. `timeframeSeconds` nil: inferred from the data (60 when
    /// there is no step to infer from, and then no open or close gap is reported: the bar length is unknown).
    public init(starts: [Int64], lines: [Int]? = nil, timeframeSeconds: Int64? = nil) {
        precondition(lines == nil || lines!.count == starts.count, "one line number per start")
        func line(_ index: Int) -> Int { lines?[index] ?? index + 1 }
        var refused: [BarFileIssue] = []
        // One pass in file order: unsorted rows against the latest start above them,
        // duplicates against the previous row (enough when the file is sorted).
        var sorted = true
        var latest = 0
        for index in starts.indices.dropFirst() {
            let start = starts[index]
            if start == starts[latest] {
                refused.append(BarFileIssue(kind: .duplicate, line: line(index), otherLine: line(latest), start: start,
                                            otherStart: starts[latest]))
            } else if start < starts[latest] {
                sorted = false
                refused.append(BarFileIssue(kind: .unsorted, line: line(index), otherLine: line(latest), start: start,
                                            otherStart: starts[latest]))
            } else {
                latest = index
            }
        }
        // Time order: the file's when sorted, else a stable sort of the rows (rare: the file is refused anyway).
        var order: [Int]? = nil
        if !sorted {
            let permutation = starts.indices.sorted { starts[$0] == starts[$1] ? $0 < $1 : starts[$0] < starts[$1] }
            order = permutation
            // Duplicates the file-order pass could not see (not next to each other in the file)
            // replace the row's unsorted report.
            let reported = Set(refused.filter { $0.kind == .duplicate }.map(\.line))
            var duplicates: [Int: BarFileIssue] = [:]
            var first = permutation[0]
            for index in permutation.dropFirst() {
                if starts[index] == starts[first] {
                    if !reported.contains(line(index)) {
                        duplicates[line(index)] = BarFileIssue(kind: .duplicate, line: line(index), otherLine: line(first),
                                                               start: starts[index], otherStart: starts[first])
                    }
                } else {
                    first = index
                }
            }
            refused = refused.filter { duplicates[$0.line] == nil } + duplicates.values
            refused.sort { $0.line < $1.line }
        }
        self.refused = refused
        let inferred = timeframeSeconds == nil ? Self.inferredStep(starts, order: order) : nil
        let step = timeframeSeconds ?? inferred ?? 60
        let edges = timeframeSeconds != nil || inferred != nil
        self.timeframeSeconds = step
        var gaps: [BarFileIssue] = []
        func at(_ k: Int) -> Int { order?[k] ?? k }
        if !starts.isEmpty && step > 0 {
            // In time order: a day's late open, the gaps between its bars, then its early close
            // (emitted when the next day starts, or after the last row).
            func closeDay(_ last: Int) {
                guard edges, let early = Self.earlyClose(starts[last], step: step) else { return }
                gaps.append(BarFileIssue(kind: .earlyClose, line: line(last), otherLine: line(last), start: early.close,
                                         otherStart: starts[last] + step, missingBars: early.missing))
            }
            var previous: (index: Int, day: Int64)?
            for k in 0..<starts.count {
                let b = at(k)
                let day = Self.dayNumber(starts[b])
                if let p = previous, p.day == day {
                    let a = p.index
                    let missing = Self.missingBars(from: starts[a], to: starts[b], step: step)
                    if missing > 0 {
                        gaps.append(BarFileIssue(kind: .gap, line: line(b), otherLine: line(a), start: starts[b],
                                                 otherStart: starts[a], missingBars: missing))
                    }
                } else {
                    if let p = previous { closeDay(p.index) }
                    if edges, let late = Self.lateOpen(starts[b], step: step) {
                        gaps.append(BarFileIssue(kind: .lateOpen, line: line(b), otherLine: line(b), start: starts[b],
                                                 otherStart: late.open, missingBars: late.missing))
                    }
                }
                previous = (b, day)
            }
            if let p = previous { closeDay(p.index) }
        }
        self.gaps = gaps
    }

    /// The refused rows as `NAME: refused: …` then `NAME:LINE: detail` lines, the first `limit`
    /// of them and a count of the rest (empty when nothing is refused).
    public func refusalLines(name: String, limit: Int = 20) -> [String] {
        guard !refused.isEmpty else { return [] }
        let duplicates = refused.filter { $0.kind == .duplicate }.count
        var lines = ["\(name): refused: \(duplicates) duplicated and \(refused.count - duplicates) unsorted row(s)"]
        lines += refused.prefix(limit).map { "\(name):\($0.line): \($0.detail)" }
        if refused.count > limit { lines.append("\(name): … and \(refused.count - limit) more") }
        return lines
    }

    /// The IST day of a Unix second (days since 1970-01-01 IST).
    static func dayNumber(_ seconds: Int64) -> Int64 {
        let local = seconds + Int64(IST.offsetSeconds)
        return local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    }

    /// The session's open and close (Unix seconds) on the IST day of `seconds`.
    static func session(_ seconds: Int64) -> (open: Int64, close: Int64) {
        let midnight = dayNumber(seconds) * 86_400 - Int64(IST.offsetSeconds)
        return (midnight + Int64(NSESession.openMinute * 60), midnight + Int64(NSESession.closeMinute * 60))
    }

    /// Bars of length `step` missing before a day's first bar starting at `first`, on its grid
    /// (`first − k·step ≥ 09:15`, k ≥ 1); nil when none, or when the bar is not inside the session
    /// (before the open, or at or after the close: not a regular session).
    public static func lateOpen(_ first: Int64, step: Int64) -> (open: Int64, missing: Int)? {
        let (open, close) = session(first)
        guard step > 0, first > open, first < close else { return nil }
        let missing = Int((first - open) / step)
        return missing > 0 ? (open, missing) : nil
    }

    /// Bars of length `step` missing after a day's last bar starting at `last`, on its grid
    /// (`last + k·step`, k ≥ 1, ending by 15:30); nil when none, or when the bar ends before the open
    /// or starts at or after the close (not a regular session).
    public static func earlyClose(_ last: Int64, step: Int64) -> (close: Int64, missing: Int)? {
        let (open, close) = session(last)
        guard step > 0, last + step > open, last < close else { return nil }
        let missing = Int((close - last) / step) - 1
        return missing > 0 ? (close, missing) : nil
    }

    /// Bars of length `step` expected strictly between `from` and `to` (same IST day only), on
    /// `from`'s grid, whose start lies inside the session (09:15 ≤ start, start + step ≤ 15:30).
    public static func missingBars(from: Int64, to: Int64, step: Int64) -> Int {
        guard to - from > step else { return 0 }
        guard dayNumber(to) == dayNumber(from) else { return 0 }
        let (open, close) = session(from)
        // Slots from + k·step, k ≥ 1, with open ≤ slot, slot + step ≤ close, slot < to.
        var first = from + step
        if first < open { first += (open - first + step - 1) / step * step }
        let last = min(to - 1, close - step)
        guard last >= first else { return 0 }
        return Int((last - first) / step + 1)
    }

    /// The most frequent positive step between consecutive bars less than a day apart (nil when none).
    static func inferredStep(_ starts: [Int64], order: [Int]?) -> Int64? {
        var counts: [Int64: Int] = [:]
        var previous: Int64?
        for k in starts.indices {
            let start = starts[order?[k] ?? k]
            if let previous, start > previous, start - previous < 86_400 {
                counts[start - previous, default: 0] += 1
                // A sorted 1M-row file settles quickly; a hundred thousand steps are plenty.
                if k > 100_000 { break }
            }
            previous = start
        }
        return counts.max { $0.value == $1.value ? $0.key > $1.key : $0.value < $1.value }?.key
    }
}
