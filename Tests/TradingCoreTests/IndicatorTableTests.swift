import Foundation
import Testing
import TradingCore

/// Each indicator computed on its own with the individual struct, in the table's column order
/// (the header without `timestamp`).
private func individualColumns(_ bars: [Bar], _ p: IndicatorPeriods) -> [[Double?]] {
    let closes = bars.map(\.close.rupees)
    var ema = ExponentialMovingAverage(period: p.ema)
    let emaValues = closes.map { ema.update($0) }
    var rsi = RelativeStrengthIndex(period: p.rsi)
    let rsiValues = closes.map { rsi.update($0) }
    var atr = AverageTrueRange(period: p.atr)
    let atrValues = bars.map { atr.update(high: $0.high.rupees, low: $0.low.rupees, close: $0.close.rupees) }
    var adx = AverageDirectionalIndex(period: p.adx)
    let adxValues: [(Double?, Double?, Double?)] = bars.map {
        adx.update(high: $0.high.rupees, low: $0.low.rupees, close: $0.close.rupees)
        return (adx.value?.adx, adx.plusDI, adx.minusDI)
    }
    var bollinger = BollingerBands(period: p.bollinger, multiplier: p.bollingerK)
    let bollingerValues = closes.map { bollinger.update($0) }
    var donchian = DonchianChannel(period: p.donchian)
    let donchianValues = bars.map { donchian.update(high: $0.high.rupees, low: $0.low.rupees) }
    var obv = OnBalanceVolume()
    let obvValues = bars.map { obv.update(close: $0.close.rupees, volume: Double($0.volume)) }
    var vwap = SessionVWAP()
    let vwapValues = bars.map {
        vwap.update(start: $0.start, high: $0.high.rupees, low: $0.low.rupees, close: $0.close.rupees,
                    volume: Double($0.volume))
    }
    var supertrend = Supertrend(period: p.supertrend, multiplier: p.supertrendK)
    let supertrendValues = bars.map { supertrend.update(high: $0.high.rupees, low: $0.low.rupees, close: $0.close.rupees) }
    return bars.indices.map { i in
        [emaValues[i], rsiValues[i], atrValues[i],
         adxValues[i].0, adxValues[i].1, adxValues[i].2,
         bollingerValues[i]?.middle, bollingerValues[i]?.upper, bollingerValues[i]?.lower,
         donchianValues[i]?.upper, donchianValues[i]?.lower,
         obvValues[i], vwapValues[i],
         supertrendValues[i]?.value, supertrendValues[i].map { Double($0.direction) }]
    }
}

/// The decimals the table promises per value column: 0 for obv and the Supertrend direction.
private let expectedDecimals = [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 0, 4, 4, 0]

private func expectedCell(_ value: Double?, decimals: Int) -> String {
    guard let value else { return "" }
    let text = String(format: "%.\(decimals)f", value)
    return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
}

/// Nil when the table (values and cells) equals the individual structs bar by bar, else the
/// first difference.
private func tableMismatch(_ bars: [Bar], _ periods: IndicatorPeriods) -> String? {
    let header = IndicatorTable.header(for: periods)
    let values = IndicatorTable.values(for: bars, periods: periods)
    let rows = IndicatorTable.rows(for: bars, periods: periods)
    let expected = individualColumns(bars, periods)
    guard values.count == bars.count, rows.count == bars.count else {
        return "\(bars.count) bars but \(values.count) value rows and \(rows.count) CSV rows"
    }
    for i in bars.indices {
        guard values[i].count == header.count - 1, rows[i].count == header.count else {
            return "row \(i): \(values[i].count) values and \(rows[i].count) cells for \(header.count) columns"
        }
        for column in expected[i].indices {
            let name = header[column + 1]
            if values[i][column] != expected[i][column] {
                return "row \(i) \(name): table \(String(describing: values[i][column])) ≠ individual \(String(describing: expected[i][column]))"
            }
            let cell = expectedCell(expected[i][column], decimals: expectedDecimals[column])
            if rows[i][column + 1] != cell {
                return "row \(i) \(name): cell '\(rows[i][column + 1])' ≠ '\(cell)'"
            }
        }
    }
    return nil
}

@Suite("IndicatorTable")
struct IndicatorTableTests {
    @Test("default header is the documented column list")
    func defaultHeader() {
        #expect(IndicatorTable.header(for: IndicatorPeriods()) == [
            "timestamp", "ema_20", "rsi_14", "atr_14", "adx_14", "plus_di_14", "minus_di_14",
            "bb_mid_20", "bb_upper_20_2", "bb_lower_20_2", "donchian_high_20", "donchian_low_20",
            "obv", "vwap", "supertrend_10_3", "supertrend_dir_10_3",
        ])
    }

    @Test("header names follow the chosen periods and multipliers")
    func headerFollowsPeriods() {
        let periods = IndicatorPeriods(ema: 9, rsi: 7, atr: 5, adx: 10, bollinger: 15, bollingerK: 2.5,
                                       donchian: 55, supertrend: 7, supertrendK: 1.5)
        #expect(IndicatorTable.header(for: periods) == [
            "timestamp", "ema_9", "rsi_7", "atr_5", "adx_10", "plus_di_10", "minus_di_10",
            "bb_mid_15", "bb_upper_15_2.5", "bb_lower_15_2.5", "donchian_high_55", "donchian_low_55",
            "obv", "vwap", "supertrend_7_1.5", "supertrend_dir_7_1.5",
        ])
        #expect(IndicatorTable.header(for: IndicatorPeriods(bollingerK: 1, supertrendK: 4))
            .filter { $0.hasPrefix("bb_upper") || $0.hasPrefix("supertrend_dir") } == ["bb_upper_20_1", "supertrend_dir_10_4"])
    }

    @Test("invalid periods are reported, valid ones are not")
    func problems() {
        #expect(IndicatorPeriods().problem == nil)
        #expect(IndicatorPeriods(ema: 0).problem == "ema period must be positive, got 0")
        #expect(IndicatorPeriods(donchian: -3).problem != nil)
        #expect(IndicatorPeriods(bollingerK: -1).problem != nil)
        #expect(IndicatorPeriods(supertrendK: .nan).problem != nil)
    }

    @Test("warm-up cells are empty exactly until each indicator is defined")
    func warmUp() {
        let bars = seededRandomBars(seed: 7, count: 60)
        let rows = IndicatorTable.rows(for: bars, periods: IndicatorPeriods())
        #expect(rows.count == bars.count)
        let header = IndicatorTable.header(for: IndicatorPeriods())
        // The first bar (1-based) on which each column has a value with the default periods.
        let firstDefined: [String: Int] = [
            "ema_20": 20, "rsi_14": 15, "atr_14": 15, "adx_14": 28, "plus_di_14": 15, "minus_di_14": 15,
            "bb_mid_20": 20, "bb_upper_20_2": 20, "bb_lower_20_2": 20,
            "donchian_high_20": 20, "donchian_low_20": 20, "obv": 1, "vwap": 1,
            "supertrend_10_3": 11, "supertrend_dir_10_3": 11,
        ]
        for (column, name) in header.enumerated().dropFirst() {
            let first = firstDefined[name]!
            for (index, row) in rows.enumerated() {
                #expect(row[column].isEmpty == (index + 1 < first), "\(name) on bar \(index + 1): '\(row[column])'")
            }
        }
        #expect(rows.allSatisfy { ["1", "-1"].contains($0[header.count - 1]) || $0[header.count - 1].isEmpty })
    }

    @Test("no bars, no rows; the CSV is then only the header")
    func empty() {
        #expect(IndicatorTable.rows(for: [], periods: IndicatorPeriods()).isEmpty)
        #expect(IndicatorTable.csv(for: [], periods: IndicatorPeriods())
            == IndicatorTable.header(for: IndicatorPeriods()).joined(separator: ",") + "\n")
    }

    @Test("timestamps are written in IST with the +05:30 offset")
    func timestamps() {
        #expect(IndicatorTable.istTimestamp(istInstant(2025, 9, 4, 9, 15)) == "2025-09-04T09:15:00+05:30")
        // 20:00 UTC is 01:30 IST the next day; across a month and a year end too.
        #expect(IndicatorTable.istTimestamp(utcInstant(2025, 12, 31, 20, 0)) == "2026-01-01T01:30:00+05:30")
        #expect(IndicatorTable.istTimestamp(utcInstant(2024, 2, 28, 18, 30)) == "2024-02-29T00:00:00+05:30")
        #expect(IndicatorTable.istTimestamp(istInstant(2025, 9, 4, 15, 29, 59, millis: 250))
            == "2025-09-04T15:29:59.250+05:30")
        #expect(IndicatorTable.istTimestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T05:30:00+05:30")
    }

    @Test("values and cells equal the individual indicators on seeded bars with volume",
          arguments: indicatorSeeds)
    func seededEqualsIndividual(seed: UInt64) {
        let bars = seededRandomBars(seed: seed)
        #expect(tableMismatch(bars, IndicatorPeriods()) == nil)
        let other = IndicatorPeriods(ema: 9, rsi: 7, atr: 5, adx: 10, bollinger: 15, bollingerK: 2.5,
                                     donchian: 55, supertrend: 7, supertrendK: 1.5)
        #expect(tableMismatch(bars, other) == nil)
    }

    @Test("on the real NIFTY bars: one row per bar, timestamps as in the file, values equal the individual indicators",
          .enabled(if: niftyRealBarsAvailable, niftyRealBarsAbsent))
    func realNifty() throws {
        let text = try String(contentsOfFile: niftyRealBarsPath, encoding: .utf8)
        let bars = try BarCSVParser(symbol: "NIFTY").parse(text)
        #expect(bars.count == 1_874)
        #expect(tableMismatch(bars, IndicatorPeriods()) == nil)
        #expect(tableMismatch(bars, IndicatorPeriods(ema: 50, adx: 7, bollinger: 10, bollingerK: 1.5)) == nil)

        let inputTimestamps = text.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        let csvLines = IndicatorTable.csv(for: bars, periods: IndicatorPeriods()).split(separator: "\n")
        #expect(csvLines.count == bars.count + 1)
        #expect(csvLines.dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[0]) }
            == inputTimestamps)
        // Every cell after warm-up is a finite number; the last row is fully populated.
        let last = csvLines.last!.split(separator: ",", omittingEmptySubsequences: false)
        #expect(last.count == 16)
        #expect(last.dropFirst().allSatisfy { Double($0)?.isFinite == true })
    }
}
