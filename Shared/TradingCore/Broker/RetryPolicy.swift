/// Exponential backoff with jitter for transient broker errors: attempt n (from 1)
/// waits base × 2^(n−1), capped, then scaled by a random factor in [1 − jitter, 1].
public struct RetryPolicy: Hashable, Sendable {
    public var maxAttempts: Int
    public var baseMilliseconds: Int
    public var capMilliseconds: Int
    /// 0 … 1: how much of each delay may be shaved off at random.
    public var jitter: Double

    public init(maxAttempts: Int = 5, baseMilliseconds: Int = 100, capMilliseconds: Int = 2_000, jitter: Double = 0.5) {
        self.maxAttempts = maxAttempts
        self.baseMilliseconds = baseMilliseconds
        self.capMilliseconds = capMilliseconds
        self.jitter = min(1, max(0, jitter))
    }

    /// The wait before retry number `attempt` (1 = after the first failure), in milliseconds.
    public func delayMilliseconds(afterAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Int {
        let exponent = min(max(attempt - 1, 0), 30)
        let raw = min(Double(capMilliseconds), Double(baseMilliseconds) * Double(1 << exponent))
        let factor = jitter == 0 ? 1 : Double.random(in: (1 - jitter)...1, using: &generator)
        return Int((raw * factor).rounded())
    }

    /// Whether to try again after `attempt` attempts failed with `error`.
    public func shouldRetry(_ error: BrokerError, afterAttempt attempt: Int) -> Bool {
        error.isTransient && attempt < maxAttempts
    }
}
