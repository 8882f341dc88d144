import Foundation

/// The replies of a pipeline already queued on a `RedisClient`; `value()` waits for them.
public final class PendingReplies: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<[RedisValue], Error>?
    private var waiter: CheckedContinuation<[RedisValue], Error>?

    init() {}

    func fulfil(_ result: Result<[RedisValue], Error>) {
        let waiter: CheckedContinuation<[RedisValue], Error>? = lock.withLock {
            self.result = result
            defer { self.waiter = nil }
            return self.waiter
        }
        waiter?.resume(with: result)
    }

    /// The replies in order, or the error that failed the pipeline.
    public func value() async throws -> [RedisValue] {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Result<[RedisValue], Error>? = lock.withLock {
                if let result { return result }
                waiter = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
