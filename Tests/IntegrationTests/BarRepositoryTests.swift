import Foundation
import PostgresStore
import Testing
import TestSupport
import TradingCore

/// `bars` on the real Postgres: batched inserts that skip what is stored, ranges by IST day in
/// start order, and the schema's checks.
@Suite("bars on Postgres")
struct BarRepositoryTests {
    /// 2025-09-04 09:15 IST.
    static let open = 1_756_957_500.0

    static func bar(_ symbol: String, minute: Int, day: Int = 0, close: Int64 = 2_450_000) -> Bar {
        Bar(symbol: symbol, start: Date(timeIntervalSince1970: open + Double(day * 86_400 + minute * 60)), open: Paise(close - 500),
            high: Paise(close + 1_000), low: Paise(close - 1_000), close: Paise(close), volume: Int64(minute * 10))
    }

    @Test func insertsInBatchesSkipsStoredBarsAndReadsRangesInOrder() async throws {
        let temporary = try await TemporaryDatabase.create()
        try await temporary.migrate()
        let db = temporary.connect()
        // Two days of NIFTY 1-minute bars (more than one statement's batch), shuffled; BANKNIFTY and 5-minute NIFTY besides.
        var rows: [BarRepository.Row] = []
        for day in 0..<2 {
            for minute in 0..<375 { rows.append(.init(bar: Self.bar("NIFTY", minute: minute, day: day, close: 2_450_000 + Int64(minute)), timeframeSeconds: 60)) }
        }
        let extra = (0..<BarRepository.batchSize).map { BarRepository.Row(bar: Self.bar("FINNIFTY", minute: $0 % 375, day: 2 + $0 / 375), timeframeSeconds: 60) }
        rows += [BarRepository.Row(bar: Self.bar("BANKNIFTY", minute: 0), timeframeSeconds: 60),
                 BarRepository.Row(bar: Self.bar("NIFTY", minute: 0), timeframeSeconds: 300)]
        var shuffler = SystemRandomNumberGenerator()
        let shuffled = (rows + extra).shuffled(using: &shuffler)
        let result = try await db.withConnection { runner in
            let first = try BarRepository.insert(shuffled, on: runner)
            let second = try BarRepository.insert(Array(shuffled.prefix(100)), on: runner)
            let all = try BarRepository.range(symbol: "NIFTY", timeframeSeconds: 60, fromDay: nil, toDay: nil, on: runner)
            let dayTwo = try BarRepository.range(symbol: "NIFTY", timeframeSeconds: 60, fromDay: "2025-09-05", toDay: "2025-09-05", on: runner)
            let dayOne = try BarRepository.range(symbol: "NIFTY", timeframeSeconds: 60, fromDay: nil, toDay: "2025-09-04", on: runner)
            let five = try BarRepository.range(symbol: "NIFTY", timeframeSeconds: 300, fromDay: nil, toDay: nil, on: runner)
            let count = try BarRepository.count(symbol: "FINNIFTY", timeframeSeconds: 60, on: runner)
            return (first, second, all, dayTwo, dayOne, five, count)
        }
        #expect(result.0 == shuffled.count && result.1 == 0)
        let expected = rows.filter { $0.bar.symbol == "NIFTY" && $0.timeframeSeconds == 60 }.map(\.bar)
        #expect(result.2 == expected)   // ordered by start, every field back exactly (paise, volume, symbol)
        #expect(result.3.count == 375 && IST.dayString(result.3[0].start) == "2025-09-05" && result.3[0].close == Paise(2_450_000))
        #expect(result.4.count == 375 && result.4.allSatisfy { IST.dayString($0.start) == "2025-09-04" })
        #expect(result.5.count == 1 && result.6 == BarRepository.batchSize)

        // The schema refuses a bar whose high is below its close, and a non-positive length.
        var bad = Self.bar("NIFTY", minute: 400)
        bad.high = Paise(1)
        let badBar = bad
        await #expect(throws: (any Error).self) {
            try await db.withConnection { runner in try BarRepository.insert([.init(bar: badBar, timeframeSeconds: 60)], on: runner) }
        }
        await #expect(throws: (any Error).self) {
            try await db.withConnection { runner in try BarRepository.insert([.init(bar: Self.bar("NIFTY", minute: 401), timeframeSeconds: 0)], on: runner) }
        }
        await temporary.drop()
    }
}
