import Foundation
import Testing
import TradingCore

@Suite("Leader election")
struct LeaderElectionTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a follower acquires, renews once per period, and may fire while confirmed")
    func acquireAndRenew() {
        var election = LeaderElection(token: "a", ttl: 6, renewInterval: 2)
        #expect(election.tick(now: Self.t0).0 == .acquire(token: "a", ttlMilliseconds: 6000))
        #expect(!election.canFire(at: Self.t0))
        #expect(election.record(.confirmed, at: Self.t0) == .becameLeader)
        #expect(election.canFire(at: Self.t0))
        #expect(election.tick(now: Self.t0.addingTimeInterval(1)).0 == .none)
        #expect(election.tick(now: Self.t0.addingTimeInterval(2)).0 == .renew(token: "a", ttlMilliseconds: 6000))
        #expect(election.record(.confirmed, at: Self.t0.addingTimeInterval(2)) == nil)
        #expect(election.canFire(at: Self.t0.addingTimeInterval(3.9)))
    }

    @Test("a renewal that finds another holder stops firing at once")
    func lostToAnother() {
        var election = LeaderElection(token: "a", ttl: 6, renewInterval: 2)
        _ = election.tick(now: Self.t0)
        _ = election.record(.confirmed, at: Self.t0)
        _ = election.tick(now: Self.t0.addingTimeInterval(2))
        #expect(election.record(.heldByOther, at: Self.t0.addingTimeInterval(2)) == .lostLeadership(reason: "the lock is held by another scheduler"))
        #expect(!election.canFire(at: Self.t0.addingTimeInterval(2)) && !election.isLeader)
        #expect(election.tick(now: Self.t0.addingTimeInterval(4)).0 == .acquire(token: "a", ttlMilliseconds: 6000))
    }

    @Test("Redis unreachable: firing stops one renewal period after the missed renewal, before the lock expires")
    func unreachable() {
        var election = LeaderElection(token: "a", ttl: 6, renewInterval: 2)
        _ = election.tick(now: Self.t0)
        _ = election.record(.confirmed, at: Self.t0)
        _ = election.tick(now: Self.t0.addingTimeInterval(2))
        #expect(election.record(.failed, at: Self.t0.addingTimeInterval(2)) == nil)
        #expect(election.canFire(at: Self.t0.addingTimeInterval(3.99)))
        #expect(!election.canFire(at: Self.t0.addingTimeInterval(4)))           // 2 s after the missed renewal at 2 s
        let (_, lapse) = election.tick(now: Self.t0.addingTimeInterval(4))
        #expect(lapse == .lostLeadership(reason: "no renewal confirmed for two renewal periods") && !election.isLeader)
    }

    @Test("a taken lock keeps a follower a follower")
    func follower() {
        var election = LeaderElection(token: "b", ttl: 6, renewInterval: 2)
        _ = election.tick(now: Self.t0)
        #expect(election.record(.heldByOther, at: Self.t0) == nil)
        #expect(!election.canFire(at: Self.t0))
    }
}

@Suite("End-of-day fallback")
struct EndOfDayFallbackTests {
    @Test("no eod.flatten by 15:26 on a trading day: flatten once; a failure retries")
    func fallback() throws {
        var fallback = EndOfDayFallback(calendar: try TradingCalendarTests.calendar())
        #expect(fallback.check(now: istInstant(2026, 11, 23, 15, 25, 59)) == .wait)
        let day = try #require(TradingCalendar.day(fromString: "2026-11-23"))
        #expect(fallback.check(now: istInstant(2026, 11, 23, 15, 26)) == .flatten(day: day))
        #expect(fallback.check(now: istInstant(2026, 11, 23, 15, 27)) == .wait)
        fallback.flattenFailed(day: day)
        #expect(fallback.check(now: istInstant(2026, 11, 23, 15, 28)) == .flatten(day: day))
    }

    @Test("an eod.flatten job for today, a holiday or a weekend: no fallback")
    func noFallback() throws {
        var fallback = EndOfDayFallback(calendar: try TradingCalendarTests.calendar())
        fallback.jobArrived(tradingDay: "2026-11-23")
        #expect(fallback.check(now: istInstant(2026, 11, 23, 15, 30)) == .wait)
        #expect(fallback.check(now: istInstant(2026, 11, 24, 15, 30)) == .wait)      // holiday
        #expect(fallback.check(now: istInstant(2026, 11, 28, 15, 30)) == .wait)      // Saturday
        #expect(fallback.check(now: istInstant(2026, 11, 25, 15, 30)) == .flatten(day: TradingCalendar.day(fromString: "2026-11-25")!))
    }
}
