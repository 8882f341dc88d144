import Foundation
import TradingCore

// Helpers shared by the TradingCore suites. Instants are built with Foundation's own
// calendar, independently of the `IST` helpers under test.

/// The instant of an IST wall-clock time (UTC+05:30).
func istInstant(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0,
                millis: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 5 * 3600 + 30 * 60)!
    let date = calendar.date(from: DateComponents(year: year, month: month, day: day,
                                                  hour: hour, minute: minute, second: second))!
    return date.addingTimeInterval(Double(millis) / 1000)
}

/// The instant of a UTC wall-clock time.
func utcInstant(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0)!
    return calendar.date(from: DateComponents(year: year, month: month, day: day,
                                              hour: hour, minute: minute, second: second))!
}

/// A bar with prices given in paise.
func makeBar(_ symbol: String = "NIFTY", start: Date = Date(timeIntervalSince1970: 0),
             open: Int64, high: Int64, low: Int64, close: Int64, volume: Int64 = 0) -> Bar {
    Bar(symbol: symbol, start: start, open: Paise(open), high: Paise(high), low: Paise(low), close: Paise(close),
        volume: volume)
}

/// |a − b| ≤ tolerance.
func approximatelyEqual(_ a: Double?, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance
}

/// `../shared/data/<relative>` beside the package root (derived from this file's path).
func sharedDataPath(_ relative: String) -> String {
    URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()          // Tests/TradingCoreTests
        .deletingLastPathComponent()          // Tests
        .deletingLastPathComponent()          // package root
        .appendingPathComponent("../shared/data/" + relative)
        .standardizedFileURL.path
}
