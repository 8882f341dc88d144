/// Exponential reconnect backoff: 100 ms, doubling, capped at 5 s; reset on success.
struct Backoff: Sendable {
    private(set) var attempt = 0
    let initialMilliseconds = 100
    let maximumMilliseconds = 5_000

    mutating func nextDelayMilliseconds() -> Int {
        let delay = min(maximumMilliseconds, initialMilliseconds << min(attempt, 10))
        attempt += 1
        return delay
    }

    mutating func reset() { attempt = 0 }
}
