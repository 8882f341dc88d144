import Foundation
import Testing
import TradingCore

@Suite("JobSchedule")
struct JobScheduleTests {
    private static let sync = ScheduledJob(name: "instruments.sync", hour: 8, minute: 30)
    private static let flatten = ScheduledJob(name: "eod.flatten", hour: 15, minute: 25)
    /// Given out of order on purpose: the schedule sorts by time.
    private static let schedule = JobSchedule(jobs: [flatten, sync])

    // 2026-11-23 is a Monday.
    private static let mondayMidnight = istInstant(2026, 11, 23)   // = 2026-11-22T18:30:00Z

    @Test("jobs are kept in time order")
    func sortedJobs() {
        #expect(Self.schedule.jobs.map(\.name) == ["instruments.sync", "eod.flatten"])
    }

    @Test("a weekday yields instruments.sync at 08:30 IST (03:00 UTC) and eod.flatten at 15:25 IST (09:55 UTC), in order")
    func wholeWeekday() throws {
        let firings = Self.schedule.due(after: Self.mondayMidnight, upTo: istInstant(2026, 11, 23, 23, 59, 59))
        try #require(firings.count == 2)
        #expect(firings[0].job == Self.sync)
        #expect(firings[0].tradingDay == "2026-11-23")
        #expect(firings[0].slot == "08:30")
        #expect(firings[0].scheduledAt == utcInstant(2026, 11, 23, 3, 0))     // 08:30 − 05:30
        #expect(firings[1].job == Self.flatten)
        #expect(firings[1].tradingDay == "2026-11-23")
        #expect(firings[1].slot == "15:25")
        #expect(firings[1].scheduledAt == utcInstant(2026, 11, 23, 9, 55))    // 15:25 − 05:30
    }

    @Test("sweeping the day in short windows fires each job exactly once", arguments: [60.0, 37.0, 1_800.0])
    func sweepFiresOnce(step: Double) {
        var firings: [JobFiring] = []
        var t = Self.mondayMidnight
        let end = Self.mondayMidnight.addingTimeInterval(86_400)
        while t < end {
            let next = min(t.addingTimeInterval(step), end)
            firings += Self.schedule.due(after: t, upTo: next)
            t = next
        }
        #expect(firings.map(\.job.name) == ["instruments.sync", "eod.flatten"])
        #expect(firings.map(\.scheduledAt) == [utcInstant(2026, 11, 23, 3, 0), utcInstant(2026, 11, 23, 9, 55)])
    }

    @Test("the window is (after, upTo]: ending at 15:24:59 excludes eod.flatten, ending at 15:25:00 includes it")
    func windowBoundaries() {
        let from = istInstant(2026, 11, 23, 12, 0)
        #expect(Self.schedule.due(after: from, upTo: istInstant(2026, 11, 23, 15, 24, 59)).isEmpty)
        #expect(Self.schedule.due(after: from, upTo: istInstant(2026, 11, 23, 15, 25)).map(\.job.name) == ["eod.flatten"])
        // Starting exactly at the instant excludes it (it already fired in the previous window).
        #expect(Self.schedule.due(after: istInstant(2026, 11, 23, 15, 25), upTo: istInstant(2026, 11, 23, 15, 26)).isEmpty)
        #expect(Self.schedule.due(after: istInstant(2026, 11, 23, 8, 30), upTo: istInstant(2026, 11, 23, 15, 0)).isEmpty)
    }

    @Test("an empty or inverted window yields nothing")
    func emptyWindow() {
        let at = istInstant(2026, 11, 23, 15, 25)
        #expect(Self.schedule.due(after: at, upTo: at).isEmpty)
        #expect(Self.schedule.due(after: at, upTo: at.addingTimeInterval(-3_600)).isEmpty)
    }

    @Test("Saturday and Sunday yield nothing")
    func weekend() {
        let saturday = istInstant(2026, 11, 28), monday = istInstant(2026, 11, 30)
        #expect(Self.schedule.due(after: saturday, upTo: monday).isEmpty)                       // Sat 00:00 → Mon 00:00
        #expect(Self.schedule.due(after: istInstant(2026, 11, 29, 8), upTo: istInstant(2026, 11, 29, 16)).isEmpty)
    }

    @Test("a whole week yields 5 × 2 firings, one per weekday and slot")
    func wholeWeek() {
        let firings = Self.schedule.due(after: Self.mondayMidnight, upTo: istInstant(2026, 11, 30))   // Mon → next Mon 00:00
        #expect(firings.count == 10)
        #expect(firings.map(\.tradingDay) == ["2026-11-23", "2026-11-23", "2026-11-24", "2026-11-24", "2026-11-25",
                                              "2026-11-25", "2026-11-26", "2026-11-26", "2026-11-27", "2026-11-27"])
        #expect(firings.map(\.slot) == Array(repeating: ["08:30", "15:25"], count: 5).flatMap { $0 })
        #expect(firings.map(\.scheduledAt) == firings.map(\.scheduledAt).sorted())
        #expect(Set(firings).count == 10)
    }

    @Test("a window across IST midnight uses the IST day for tradingDay")
    func acrossMidnight() {
        // Monday 23:00 IST → Tuesday 09:00 IST: only Tuesday's sync; tradingDay is the IST day.
        let firings = Self.schedule.due(after: istInstant(2026, 11, 23, 23), upTo: istInstant(2026, 11, 24, 9))
        #expect(firings.map(\.job.name) == ["instruments.sync"])
        #expect(firings.first?.tradingDay == "2026-11-24")
        #expect(firings.first?.scheduledAt == utcInstant(2026, 11, 24, 3, 0))
        // Friday 16:00 IST → Monday 09:00 IST: only Monday's sync.
        let weekend = Self.schedule.due(after: istInstant(2026, 11, 27, 16), upTo: istInstant(2026, 11, 30, 9))
        #expect(weekend.map(\.tradingDay) == ["2026-11-30"])
    }

    @Test("two jobs in the same minute are ordered by name")
    func sameMinuteOrder() {
        let schedule = JobSchedule(jobs: [ScheduledJob(name: "b", hour: 9, minute: 0), ScheduledJob(name: "a", hour: 9, minute: 0)])
        #expect(schedule.due(after: Self.mondayMidnight, upTo: istInstant(2026, 11, 23, 10)).map(\.job.name) == ["a", "b"])
    }
}

@Suite("ScheduledJob")
struct ScheduledJobTests {
    @Test("parses HH:MM", arguments: [("08:30", 8, 30), ("15:25", 15, 25), ("00:00", 0, 0), ("23:59", 23, 59)])
    func parses(time: String, hour: Int, minute: Int) throws {
        let job = try #require(ScheduledJob(name: "x", time: time))
        #expect(job.timing == .daily(minute: hour * 60 + minute) && job.name == "x")
    }

    @Test("rejects malformed times", arguments: ["25:00", "24:00", "8:3x", "12:60", "0830", "", ":", "08:30:00", "-1:00", "ab:cd"])
    func rejects(time: String) {
        #expect(ScheduledJob(name: "x", time: time) == nil)
    }

    @Test("rejects times with empty fields around the colon")
    func rejectsEmptyFields() {
        // A plain `time.split(separator: ":")` omits empty subsequences, so these would collapse to two parts.
        #expect(ScheduledJob(name: "x", time: "08::30") == nil)
        #expect(ScheduledJob(name: "x", time: ":08:30") == nil)
        #expect(ScheduledJob(name: "x", time: "08:30:") == nil)
        #expect(ScheduledJob(name: "x", time: "08:") == nil)
        #expect(ScheduledJob(name: "x", time: ":30") == nil)
        #expect(ScheduledJob(name: "x", time: "+8:30") == nil)
        #expect(ScheduledJob(name: "x", time: "008:30") == nil)
    }

    @Test("timeString is zero-padded HH:MM")
    func timeString() {
        #expect(ScheduledJob(name: "x", hour: 8, minute: 30).timeString == "08:30")
        #expect(ScheduledJob(name: "x", hour: 15, minute: 5).timeString == "15:05")
        #expect(ScheduledJob(name: "x", hour: 0, minute: 0).timeString == "00:00")
        #expect(ScheduledJob(name: "x", time: "8:30")?.timeString == "08:30")
    }
}
