/// What one flatten did and how long it took.
struct FlattenReport: Sendable {
    var positionsClosed: Int
    var ordersCancelled: Int
    var durationMs: Double
    var flat: Bool
}
