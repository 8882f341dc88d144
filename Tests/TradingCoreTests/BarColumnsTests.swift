import Foundation
import Testing
@testable import TradingCore

@Suite("Bar columns and the EMA-cross fast path")
struct BarColumnsTests {
    @Test func columnsAgreeWithTheBarParserOnTheRealFile() throws {
        let text = try String(contentsOfFile: sharedDataPath("nifty50_1min_real.csv"), encoding: .utf8)
        let bars = try BarCSVParser(symbol: "NIFTY").parse(text)
        let columns = try BarColumns.parse(Array(text.utf8))
        #expect(columns.count == 1874)
        #expect(columns.bars(symbol: "NIFTY") == bars)
    }

    @Test func withoutTheOrderRuleEveryRowIsKeptWithItsLine() throws {
        let text = "timestamp,open,high,low,close,volume\n2025-09-04T09:16:00+05:30,10,11,9,10.5,1\n\n"
            + "2025-09-04T09:15:00+05:30,10,11,9,10.5,1\n2025-09-04T09:15:00+05:30,10,11,9,10.5,1\n"
        let columns = try BarColumns.parse(Array(text.utf8), requireIncreasing: false)
        #expect(columns.lines == [2, 4, 5] && columns.start == [1_756_957_560, 1_756_957_500, 1_756_957_500])
        #expect(throws: BarCSVParser.ParseError.self) { try BarColumns.parse(Array(text.utf8)) }
        let check = BarSeriesCheck(starts: columns.start, lines: columns.lines)
        #expect(!check.isAccepted)
    }

    @Test func timestampsInOtherFormsAndOffsetsParseLikeTheFormatter() throws {
        let text = "timestamp,open,high,low,close,volume\n2025-09-04T03:45:00Z,10,11,9,10.5,1\n"
            + "2025-09-04T09:16:00.000+05:30,10.5,11,9,10,2\r\n2025-09-04T09:17:00-01:00,10,10,10,10,0\n"
        let columns = try BarColumns.parse(Array(text.utf8))
        // 03:45 UTC = 09:15 IST = 1756957500; 09:17 at −01:00 = 10:17 UTC = 1756981020.
        #expect(columns.start == [1_756_957_500, 1_756_957_560, 1_756_981_020])
        #expect(columns.bars(symbol: "X") == (try BarCSVParser(symbol: "X").parse(text)))
        #expect(columns.close == [1_050, 1_000, 1_000])
    }

    @Test func badLinesAreNamedAsTheBarParserNamesThem() {
        let cases = [
            ("timestamp,open,high,low,close,volume\n2025-09-04T09:15:00+05:30,10,11,9,10,1\n2025-09-04T09:15:00+05:30,10,11,9,10,1\n", 3, "not after"),
            ("2025-09-04T09:15:00+05:30,10,11,9,10,1\n2025-09-04T09:16:00+05:30,0,11,9,10,1\n", 2, "open"),
            ("2025-09-04T09:15:00+05:30,10,11,9,10\n", 1, "expected 6 fields"),
            ("2025-09-04 09:15,10,11,9,10,1\n", 1, "timestamp"),
            ("2025-09-04T09:15:00+05:30,10,9,9.5,10,1\n", 1, "do not bound"),
        ]
        for (text, line, reason) in cases {
            do {
                _ = try BarColumns.parse(Array(text.utf8))
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.line == line && error.reason.contains(reason), "\(error)")
            }
        }
    }

    @Test func fastPathTradesTheCrossAtTheNextOpen() throws {
        // EMA(2) / EMA(3) on closes 10, 10, 10, 13, 13, 7, 7 (opens one rupee below each close):
        // EMA2: -, 10, 10, 12, 12.67, 8.89, 7.63; EMA3: -, -, 10, 11.5, 12.25, 9.63, 8.31.
        // Bar 3: 12 > 11.5 after 10 ≤ 10 → BUY, filled at bar 4's open (12). Bar 5: 8.89 < 9.63 → SELL,
        // filled at bar 6's open (6): −6 rupees, one losing trade.
        let closes: [Int64] = [1_000, 1_000, 1_000, 1_300, 1_300, 700, 700]
        var columns = BarColumns()
        for (index, close) in closes.enumerated() {
            columns.start.append(Int64(index * 60))
            columns.open.append(close - 100)
            columns.high.append(close)
            columns.low.append(close - 100)
            columns.close.append(close)
            columns.volume.append(0)
        }
        let result = EmaCrossFastPath.run(columns, fast: 2, slow: 3)
        #expect(result.trades == 1 && result.wins == 0 && result.crosses == 2)
        #expect(result.pnl == Paise(-600))
        // The same EMAs and cross rule as the strategy: its onBar signals on the same two bars.
        var strategy = EmaCrossStrategy(parameters: .init(emaFast: 2, emaSlow: 3, atrPeriod: 1))
        var fast = ExponentialMovingAverage(period: 2), slow = ExponentialMovingAverage(period: 3)
        var sides: [Side] = []
        for bar in columns.bars(symbol: "X") {
            var indicators = ["atr_1": 1.0]
            if let value = fast.update(bar.close.rupees) { indicators["ema_2"] = value }
            if let value = slow.update(bar.close.rupees) { indicators["ema_3"] = value }
            if let signal = strategy.onBar(bar, indicators: indicators) { sides.append(signal.side) }
        }
        #expect(sides == [.buy, .sell])
    }
}
