import Foundation

/// One scheduler leads; the others wait. A pure state machine around a Redis lock with
/// expiry: `tick` says what to send (acquire with `SET NX PX`, or renew by compare-and-
/// `PEXPIRE`), `record` takes the answer. The leader renews every `renewInterval`; the lock
/// lives `ttl` (> 2 × `renewInterval`). A leader may fire only while its last confirmed
/// renewal is younger than 2 × `renewInterval`, so a leader that loses the lock (another
/// holder, or Redis unreachable) stops firing within one renewal period of the renewal it
/// missed — before the lock can expire and pass to another instance. Instants are wall-clock
/// (the lock's expiry runs in Redis' real time), never the simulated service clock.
public struct LeaderElection: Sendable {
    public enum Action: Hashable, Sendable {
        case none
        case acquire(token: String, ttlMilliseconds: Int)
        case renew(token: String, ttlMilliseconds: Int)
    }

    public enum Outcome: Hashable, Sendable {
        /// `SET NX` succeeded, or the renewal found our token and extended it.
        case confirmed
        /// The lock is held by another token (or `SET NX` found it taken).
        case heldByOther
        /// Redis did not answer.
        case failed
    }

    public enum Transition: Hashable, Sendable {
        case becameLeader
        case lostLeadership(reason: String)
    }

    public let token: String
    public let ttl: Double
    public let renewInterval: Double
    public private(set) var isLeader = false
    public private(set) var lastConfirmed: Date?
    private var lastAttempt: Date?

    public init(token: String, ttl: Double, renewInterval: Double) {
        precondition(ttl > 2 * renewInterval, "the lock must outlive two renewal periods")
        self.token = token
        self.ttl = ttl
        self.renewInterval = renewInterval
    }

    /// What to ask Redis now (at most once per `renewInterval`), and whether leadership just
    /// lapsed for want of a confirmed renewal.
    public mutating func tick(now: Date) -> (Action, Transition?) {
        var transition: Transition?
        if isLeader, let confirmed = lastConfirmed, now.timeIntervalSince(confirmed) >= 2 * renewInterval {
            isLeader = false
            transition = .lostLeadership(reason: "no renewal confirmed for two renewal periods")
        }
        if let attempt = lastAttempt, now.timeIntervalSince(attempt) < renewInterval { return (.none, transition) }
        lastAttempt = now
        let milliseconds = Int(ttl * 1000)
        return (isLeader ? .renew(token: token, ttlMilliseconds: milliseconds) : .acquire(token: token, ttlMilliseconds: milliseconds),
                transition)
    }

    /// Takes Redis' answer to the action `tick` returned at `now`.
    public mutating func record(_ outcome: Outcome, at now: Date) -> Transition? {
        switch outcome {
        case .confirmed:
            lastConfirmed = now
            guard !isLeader else { return nil }
            isLeader = true
            return .becameLeader
        case .heldByOther:
            guard isLeader else { return nil }
            isLeader = false
            return .lostLeadership(reason: "the lock is held by another scheduler")
        case .failed:
            return nil
        }
    }

    /// True while this instance leads and its lock is confirmed recently enough to fire.
    public func canFire(at now: Date) -> Bool {
        guard isLeader, let confirmed = lastConfirmed else { return false }
        return now.timeIntervalSince(confirmed) < 2 * renewInterval
    }
}
