/// The recent closed bars of one symbol with their indicator snapshots, oldest first, at most
/// `capacity`. Adds `ema_<n>` for periods the strategies need that the snapshot lacks
/// (computed from the closes seen here). A bar not newer than the last is refused (replay, late).
public struct BarSeries: Sendable {
    public let capacity: Int
    public private(set) var bars: [IndicatorBar] = []
    private var emas: [Int: ExponentialMovingAverage]

    public init(capacity: Int, emaPeriods: [Int] = []) {
        self.capacity = max(2, capacity)
        self.emas = Dictionary(uniqueKeysWithValues: emaPeriods.map { ($0, ExponentialMovingAverage(period: $0)) })
    }

    public var emaPeriods: [Int] { emas.keys.sorted() }

    /// Appends a closed bar; false (and nothing changes) when it is not after the last one.
    @discardableResult
    public mutating func append(_ bar: Bar, indicators: [String: Double]) -> Bool {
        if let last = bars.last, bar.start <= last.bar.start { return false }
        var snapshot = indicators
        for period in emas.keys.sorted() {
            _ = emas[period]!.update(bar.close.rupees)
            let name = "ema_\(period)"
            if snapshot[name] == nil, let value = emas[period]!.value { snapshot[name] = value }
        }
        bars.append(IndicatorBar(bar: bar, indicators: snapshot))
        if bars.count > capacity { bars.removeFirst(bars.count - capacity) }
        return true
    }

    /// The same bars with EMAs for `periods` recomputed from their closes (after a config reload).
    public func rebuilt(emaPeriods periods: [Int]) -> BarSeries {
        guard periods.sorted() != emaPeriods else { return self }
        var series = BarSeries(capacity: capacity, emaPeriods: periods)
        let added = Set(emaPeriods.map { "ema_\($0)" })
        for item in bars { series.append(item.bar, indicators: item.indicators.filter { !added.contains($0.key) }) }
        return series
    }
}
