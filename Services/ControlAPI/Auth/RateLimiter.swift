import Foundation
import Hummingbird
import TradingCore

/// Per-client request rate limit: one token bucket (the core's `TokenBucket`, as the executor
/// uses for Kite's order limit) per token name and peer address. A request that finds the
/// bucket empty is answered 429 with `Retry-After` and is not counted against the bucket.
/// `control_api.rate_limit_per_second` 0 turns it off.
final class RateLimiter: RouterMiddleware, @unchecked Sendable {
    typealias Context = APIRequestContext
    let perSecond: Double
    let burst: Int
    private let lock = NSLock()
    private var buckets: [String: TokenBucket] = [:]
    private static let maxClients = 10_000

    init(perSecond: Double, burst: Int) {
        self.perSecond = perSecond
        self.burst = max(1, burst)
    }

    /// Zero when the request may go ahead, else the seconds until it could.
    func admit(_ client: String, at now: Date) -> TimeInterval {
        lock.withLock {
            if buckets.count >= Self.maxClients && buckets[client] == nil { buckets.removeAll(keepingCapacity: true) }
            var bucket = buckets[client] ?? TokenBucket(capacity: burst, refillPerSecond: perSecond)
            var trial = bucket
            let wait = trial.take(at: now)
            if wait == 0 { bucket = trial }
            buckets[client] = bucket
            return wait
        }
    }

    /// The seconds until `client` could be admitted, without taking from its bucket.
    func waiting(_ client: String, at now: Date) -> TimeInterval {
        lock.withLock {
            guard var bucket = buckets[client] else { return 0 }
            return bucket.take(at: now)
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard perSecond > 0 else { return try await next(request, context) }
        let client = "\(context.principal?.name ?? "anonymous")@\(context.peer ?? "?")"
        let wait = admit(client, at: Date())
        guard wait == 0 else {
            var response = APIError(code: .rateLimited, message: "rate limit: \(Int(perSecond)) requests per second per client "
                                    + "(bursts of \(burst)); retry in \(String(format: "%.2f", wait)) s").response
            response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            return response
        }
        return try await next(request, context)
    }
}
