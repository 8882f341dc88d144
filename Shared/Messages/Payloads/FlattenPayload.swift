/// `flatten.completed` on `risk`: the kill switch's report.
public struct FlattenPayload: Codable, Sendable, Hashable {
    /// FLATTEN (control) or EOD (the `eod.flatten` job).
    public var reason: String
    public var positionsClosed: Int
    public var ordersCancelled: Int
    /// From the request to the re-checked flat book.
    public var durationMs: Double
    /// Postgres shows no open position and no working order.
    public var flat: Bool

    public init(reason: String, positionsClosed: Int, ordersCancelled: Int, durationMs: Double, flat: Bool) {
        self.reason = reason
        self.positionsClosed = positionsClosed
        self.ordersCancelled = ordersCancelled
        self.durationMs = durationMs
        self.flat = flat
    }
}
