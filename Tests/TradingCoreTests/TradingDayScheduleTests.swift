import Foundation
import Testing
import TradingCore

/// The built-in day (`ScheduledJob.defaults`) on the real trading calendar.
@Suite("Trading day schedule")
struct TradingDayScheduleTests {
    static func schedule() throws -> JobSchedule { JobSchedule(jobs: ScheduledJob.defaults, calendar: try TradingCalendarTests.calendar()) }

    @Test("a Monday fires every job once at its IST minute, chain.refresh every minute 09:15-15:30")
    func tradingDay() throws {
        let firings = try Self.schedule().due(after: istInstant(2026, 11, 23), upTo: istInstant(2026, 11, 23, 23, 59))
        let oneOff = firings.filter { $0.job.name != "chain.refresh" }
        #expect(oneOff.map(\.job.name) == ["instruments.sync", "week.reset", "session.open", "entries.close", "eod.flatten", "eod.report"])
        #expect(oneOff.map(\.slot) == ["08:30", "09:00", "09:15", "15:10", "15:25", "15:35"])
        #expect(oneOff.first { $0.job.name == "eod.flatten" }?.scheduledAt == istInstant(2026, 11, 23, 15, 25))
        let refresh = firings.filter { $0.job.name == "chain.refresh" }
        #expect(refresh.count == 376 && refresh.first?.slot == "09:15" && refresh.last?.slot == "15:30")
        #expect(Set(firings.map(\.key)).count == firings.count)
        // At 09:15 the one-off session.open goes before the minute's chain.refresh.
        #expect(firings.firstIndex { $0.job.name == "session.open" }! < firings.firstIndex { $0.job.name == "chain.refresh" }!)
    }

    @Test("a holiday and a weekend fire nothing; Wednesday after the holiday has no week.reset")
    func holiday() throws {
        let schedule = try Self.schedule()
        #expect(schedule.due(after: istInstant(2026, 11, 24), upTo: istInstant(2026, 11, 24, 23, 59)).isEmpty)
        #expect(schedule.due(after: istInstant(2026, 11, 28), upTo: istInstant(2026, 11, 29, 23, 59)).isEmpty)
        let wednesday = schedule.due(after: istInstant(2026, 11, 25), upTo: istInstant(2026, 11, 25, 23, 59))
        #expect(!wednesday.isEmpty && !wednesday.contains { $0.job.name == "week.reset" })
    }

    @Test("week.reset runs on Tuesday when Monday is a holiday; the Budget Sunday runs the whole day")
    func weekStartAndSpecialSession() throws {
        let schedule = try Self.schedule()
        let tuesday = schedule.due(after: istInstant(2026, 1, 26), upTo: istInstant(2026, 1, 27, 23, 59))
        #expect(tuesday.filter { $0.job.name == "week.reset" }.map(\.tradingDay) == ["2026-01-27"])
        // (No week.reset on it: that week's first session was Tuesday the 27th.)
        let budget = schedule.due(after: istInstant(2026, 2, 1), upTo: istInstant(2026, 2, 1, 23, 59))
        #expect(budget.count == 376 + 5 && budget.contains { $0.job.name == "eod.flatten" && $0.slot == "15:25" })
        // Muhurat (an hour on a holiday) is not a full session: no scheduled jobs.
        #expect(schedule.due(after: istInstant(2025, 10, 21), upTo: istInstant(2025, 10, 21, 23, 59)).isEmpty)
    }

    @Test("next fire: eod.flatten after the holiday is Wednesday 15:25 IST")
    func nextFire() throws {
        let schedule = try Self.schedule()
        let flatten = try #require(schedule.jobs.first { $0.name == "eod.flatten" })
        #expect(schedule.next(flatten, after: istInstant(2026, 11, 23, 15, 25))?.scheduledAt == istInstant(2026, 11, 25, 15, 25))
        #expect(schedule.next(flatten, after: istInstant(2026, 11, 23, 15, 24, 59))?.scheduledAt == istInstant(2026, 11, 23, 15, 25))
    }

    @Test("timings parse from config text", arguments: [("08:30", "08:30"), ("09:15-15:30/1", "09:15-15:30/1"), ("MON 09:00", "MON 09:00"),
                                                          ("9:15-9:45/15", "09:15-09:45/15")])
    func parses(text: String, canonical: String) throws {
        #expect(try #require(JobTiming(text)).text == canonical)
    }

    @Test("bad timings are refused", arguments: ["09:15-15:30", "15:30-09:15/1", "09:15-15:30/0", "TUE 09:00", "MON", "MON 25:00"])
    func refuses(text: String) {
        #expect(JobTiming(text) == nil)
    }
}

@Suite("Catch-up planner")
struct CatchUpPlannerTests {
    @Test("started at 15:27 with positions open: eod.flatten runs at once, missed one-offs run, chain refreshes are skipped")
    func lateWithPositions() throws {
        let schedule = try TradingDayScheduleTests.schedule()
        let decisions = CatchUpPlanner.plan(schedule: schedule, now: istInstant(2026, 11, 23, 15, 27), recorded: [], openPositions: 2)
        let runs = decisions.filter { $0.verdict == .run }.map(\.firing.job.name)
        #expect(runs == ["instruments.sync", "week.reset", "session.open", "entries.close", "eod.flatten"])
        let skipped = decisions.filter { $0.verdict != .run }
        #expect(skipped.count == 373 && skipped.allSatisfy { $0.firing.job.name == "chain.refresh" && !$0.recordsSkip })
        #expect(!decisions.contains { $0.firing.job.name == "eod.report" })   // 15:35 has not come yet
    }

    @Test("no open positions: eod.flatten is skipped and recorded; already recorded runs are left alone")
    func lateWithoutPositions() throws {
        let schedule = try TradingDayScheduleTests.schedule()
        let decisions = CatchUpPlanner.plan(schedule: schedule, now: istInstant(2026, 11, 23, 15, 40),
                                            recorded: ["instruments.sync|08:30", "eod.report|15:35"], openPositions: 0)
        let flatten = try #require(decisions.first { $0.firing.job.name == "eod.flatten" })
        #expect(flatten.verdict == .skip(reason: "no open positions") && flatten.recordsSkip)
        #expect(!decisions.contains { $0.firing.job.name == "instruments.sync" || $0.firing.job.name == "eod.report" })
    }

    @Test("a holiday or a start before the first job plans nothing")
    func nothing() throws {
        let schedule = try TradingDayScheduleTests.schedule()
        #expect(CatchUpPlanner.plan(schedule: schedule, now: istInstant(2026, 11, 24, 16), recorded: [], openPositions: 3).isEmpty)
        #expect(CatchUpPlanner.plan(schedule: schedule, now: istInstant(2026, 11, 23, 8, 29), recorded: [], openPositions: 3).isEmpty)
    }
}
