/// The last `capacity` values of one feature; z-scores a value against them (the value
/// included). Fewer than two values or no spread gives 0; z is clamped to ±3.
public struct FeatureWindow: Hashable, Sendable {
    public let capacity: Int
    public private(set) var values: [Double] = []

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    public mutating func append(_ value: Double) {
        values.append(value)
        if values.count > capacity { values.removeFirst(values.count - capacity) }
    }

    public func zScore(_ value: Double) -> Double {
        guard values.count >= 2 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        guard variance > 1e-18 else { return 0 }
        return min(3, max(-3, (value - mean) / variance.squareRoot()))
    }
}
