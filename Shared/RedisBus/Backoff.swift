/// Exponential reconnect backoff: `initialMilliseconds` (100 ms by default), doubling,
/// capped at `maximumMilliseconds` (5 s by default); reset on success.
public struct Backoff: Sendable {
    public private(set) var attempt = 0
    public let initialMilliseconds: Int
    public let maximumMilliseconds: Int

    public init(initialMilliseconds: Int = 100, maximumMilliseconds: Int = 5_000) {
        self.initialMilliseconds = max(1, initialMilliseconds)
        self.maximumMilliseconds = max(self.initialMilliseconds, maximumMilliseconds)
    }

    public mutating func nextDelayMilliseconds() -> Int {
        let delay = min(maximumMilliseconds, initialMilliseconds << min(attempt, 20))
        attempt += 1
        return delay
    }

    public mutating func reset() { attempt = 0 }
}
