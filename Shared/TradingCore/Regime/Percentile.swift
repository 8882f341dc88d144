/// Empirical percentile rank (mid-rank): the fraction of `sample` below `value` plus half the
/// fraction equal to it, 0…1; a constant sample ranks 0.5. nil for an empty sample.
public enum Percentile {
    public static func rank(of value: Double, in sample: [Double]) -> Double? {
        rank(of: value, in: sample.lazy.map(Optional.some))
    }

    /// The same over a sample with holes: nil entries are not part of it.
    public static func rank<Sample: Sequence<Double?>>(of value: Double, in sample: Sample) -> Double? {
        var count = 0, below = 0, equal = 0
        for case let x? in sample {
            count += 1
            if x < value { below += 1 } else if x == value { equal += 1 }
        }
        guard count > 0 else { return nil }
        return (Double(below) + Double(equal) / 2) / Double(count)
    }
}
