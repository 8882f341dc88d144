import Foundation

/// A token bucket (Kite: 10 orders per second). Pure: the caller passes the time and
/// sleeps for what `take` returns.
public struct TokenBucket: Hashable, Sendable {
    public let capacity: Double
    public let refillPerSecond: Double
    public private(set) var tokens: Double
    public private(set) var updatedAt: Date?

    public init(capacity: Int = 10, refillPerSecond: Double = 10) {
        self.capacity = Double(max(1, capacity))
        self.refillPerSecond = max(0.001, refillPerSecond)
        self.tokens = Double(max(1, capacity))
    }

    /// Takes one token at `now`. Returns how long the caller must wait before sending
    /// (zero when a token was available); the token is reserved either way.
    public mutating func take(at now: Date) -> TimeInterval {
        if let updatedAt {
            tokens = min(capacity, tokens + max(0, now.timeIntervalSince(updatedAt)) * refillPerSecond)
        }
        updatedAt = now
        tokens -= 1
        return tokens >= 0 ? 0 : -tokens / refillPerSecond
    }
}
