import Foundation
import Messages
import RedisBus
import TradingCore

/// The Redis side of `LeaderElection`: acquire with `SET key token NX PX ttl`, renew with a
/// compare-and-`PEXPIRE` script (only while the key still holds our token), release with a
/// compare-and-`DEL` on shutdown.
public struct LeaderLock: Sendable {
    public let redis: RedisClient
    public let key: String

    static let renewScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end"
    static let releaseScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"

    public init(redis: RedisClient, key: String = Channel.Key.schedulerLeader) {
        self.redis = redis
        self.key = key
    }

    public func perform(_ action: LeaderElection.Action) async -> LeaderElection.Outcome? {
        do {
            switch action {
            case .none:
                return nil
            case .acquire(let token, let ttl):
                let reply = try await redis.command(["SET", key, token, "NX", "PX", String(ttl)])
                if reply.string == "OK" { return .confirmed }
                // Taken: ours already (a lost reply on a retried SET) or another scheduler's.
                return try await redis.get(key) == token ? .confirmed : .heldByOther
            case .renew(let token, let ttl):
                let reply = try await redis.command(["EVAL", Self.renewScript, "1", key, token, String(ttl)])
                return reply.integer == 1 ? .confirmed : .heldByOther
            }
        } catch {
            return .failed
        }
    }

    public func release(token: String) async {
        _ = try? await redis.command(["EVAL", Self.releaseScript, "1", key, token])
    }
}
