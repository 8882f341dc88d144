/// Empirical percentile rank (mid-rank): the fraction of `sample` below `value` plus half the
/// fraction equal to it, 0…1; a constant sample ranks 0.5. nil for an empty sample.
public enum Percentile {
    public static func rank(of value: Double, in sample: [Double]) -> Double? {
        guard !sample.isEmpty else { return nil }
        let below = sample.filter { $0 < value }.count, equal = sample.filter { $0 == value }.count
        return (Double(below) + Double(equal) / 2) / Double(sample.count)
    }
}
