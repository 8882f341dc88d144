import Foundation
import MarketFeeds
import Testing
import TestSupport
import TradingCore

@Suite("Replay files: one or many symbols, checked whole before anything is published")
struct ReplayFeedTests {
    func write(_ text: String, _ name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(TestEnvironment.uniqueName("replay"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    @Test func twoSymbolsLoadAndMergeByTime() throws {
        let nifty = try write("timestamp,open,high,low,close,volume\n2026-11-23T09:15:00+05:30,100,101,99,100.5,0\n2026-11-23T09:16:00+05:30,100.5,102,100,101,0\n", "nifty.csv")
        let bank = try write("2026-11-23T09:16:00+05:30,500,505,499,504,10\n", "bank.csv")
        let series = try ReplayFeed.load([.init(symbol: "NIFTY", path: nifty), .init(symbol: "BANKNIFTY", path: bank)])
        let plan = ReplayPlan(series: series, speed: 0)
        #expect(plan.steps.map { $0.map(\.symbol) } == [["NIFTY"], ["NIFTY", "BANKNIFTY"]])
        #expect(plan.steps[1][1].close == Paise(50_400))
    }

    @Test("a bad row in the second file names that file and line", arguments: [
        ("2026-11-23T09:15:00+05:30,500,505,499,504,10\n2026-11-23T09:15:00+05:30,500,505,499,504,10\n", 2, "is not after the previous row"),
        ("2026-11-23T09:15:00+05:30,500,495,499,504,10\n", 1, "do not bound open and close"),
        ("2026-11-23T09:15:00+05:30,0,505,0,504,10\n", 1, "is not positive"),
    ])
    func badSecondFile(text: String, line: Int, reason: String) throws {
        let good = try write("2026-11-23T09:15:00+05:30,100,101,99,100.5,0\n", "good.csv")
        let bad = try write(text, "bad.csv")
        do {
            _ = try ReplayFeed.load([.init(symbol: "NIFTY", path: good), .init(symbol: "BANKNIFTY", path: bad)])
            Issue.record("accepted a bad file")
        } catch {
            #expect(error.file == bad && error.line == line)
            #expect(error.description.hasPrefix("\(bad):\(line): ") && error.description.contains(reason))
        }
    }
}
