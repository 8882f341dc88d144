import Foundation
import Testing
import TradingCore

@Suite("Placement discipline")
struct PlacementDisciplineTests {
    @Test("freeze slicing: whole lots, none above the freeze quantity, adding up", arguments: [
        (1_800, 1_800, 75, [1_800]),
        (3_750, 1_800, 75, [1_800, 1_800, 150]),
        (1_000, nil as Int?, 25, [1_000]),
        (700, 650, 25, [650, 50]),
    ])
    func slicing(quantity: Int, freeze: Int?, lot: Int, expected: [Int]) {
        let slices = FreezeSlicer.slices(quantity: quantity, freezeQuantity: freeze, lotSize: lot)
        #expect(slices == expected)
        #expect(slices.reduce(0, +) == quantity)
        #expect(slices.allSatisfy { $0 % lot == 0 && $0 <= (freeze ?? .max) })
    }

    @Test("backoff doubles up to the cap, jitter only shortens it, and is seeded")
    func backoff() {
        let policy = RetryPolicy(maxAttempts: 5, baseMilliseconds: 100, capMilliseconds: 1_000, jitter: 0)
        var generator = SeededGenerator(seed: 1)
        #expect((1...6).map { policy.delayMilliseconds(afterAttempt: $0, using: &generator) } == [100, 200, 400, 800, 1_000, 1_000])
        let jittered = RetryPolicy(maxAttempts: 5, baseMilliseconds: 100, capMilliseconds: 1_000, jitter: 0.5)
        var a = SeededGenerator(seed: 3)
        var b = SeededGenerator(seed: 3)
        let first = (1...50).map { _ in jittered.delayMilliseconds(afterAttempt: 3, using: &a) }
        #expect(first.allSatisfy { $0 >= 200 && $0 <= 400 })
        #expect(Set(first).count > 10)
        #expect(first == (1...50).map { _ in jittered.delayMilliseconds(afterAttempt: 3, using: &b) })
    }

    @Test("only transient errors are retried, and not past the attempt limit")
    func transientOnly() {
        let policy = RetryPolicy(maxAttempts: 3)
        #expect(policy.shouldRetry(.network("reset"), afterAttempt: 1))
        #expect(policy.shouldRetry(.server(status: 503, "busy"), afterAttempt: 2))
        #expect(!policy.shouldRetry(.network("reset"), afterAttempt: 3))
        #expect(!policy.shouldRetry(.server(status: 400, "bad"), afterAttempt: 1))
        #expect(!policy.shouldRetry(.rejected(.insufficientMargin, "margin"), afterAttempt: 1))
        #expect(BrokerError.rejected(.priceOutsideBand, "band").rejection == .priceOutsideBand)
        #expect(BrokerError.rateLimited("429").isTransient)
    }

    @Test("token bucket: 10 at once, then one every 100 ms")
    func tokenBucket() {
        var bucket = TokenBucket(capacity: 10, refillPerSecond: 10)
        let t0 = Date(timeIntervalSince1970: 0)
        #expect((0..<10).map { _ in bucket.take(at: t0) } == Array(repeating: 0, count: 10))
        #expect(abs(bucket.take(at: t0) - 0.1) < 1e-9)
        #expect(abs(bucket.take(at: t0) - 0.2) < 1e-9)
        // After a second the bucket has refilled ten tokens, two of them already promised.
        #expect(bucket.take(at: t0.addingTimeInterval(1)) == 0)
        // A sender that waits as told: 30 orders go out at 0 (ten), then every 100 ms.
        var paced = TokenBucket(capacity: 10, refillPerSecond: 10)
        let sendTimes = (0..<30).map { _ in paced.take(at: t0) }
        #expect(abs(sendTimes[29] - 2.0) < 1e-9)
        #expect(sendTimes.filter { $0 < 1.0 }.count == 19)   // at most 10 + 10/s in the first second
    }
}
