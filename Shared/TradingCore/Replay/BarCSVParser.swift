import Foundation

/// Parses `timestamp,open,high,low,close,volume` files (ISO-8601 timestamps with an
/// offset, prices in rupees). The whole file is validated before anything is returned,
/// so a bad row never leaves a half-loaded replay; the error names the line. `parse` refuses the
/// first duplicated or unsorted row; `parseRows` leaves the order to `BarSeriesCheck`, which
/// lists every such row and every gap.
public struct BarCSVParser: Sendable {
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public let line: Int
        public let reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    public let symbol: String

    public init(symbol: String) {
        self.symbol = symbol
    }

    /// The bars in file order, refusing the first row whose start is not after the row above it.
    public func parse(_ text: String) throws(ParseError) -> [Bar] {
        let (bars, lines) = try parseRows(text)
        let check = BarSeriesCheck(starts: bars.map { Int64($0.start.timeIntervalSince1970.rounded(.down)) }, lines: lines)
        if let first = check.refused.first {
            throw ParseError(line: first.line, reason: "timestamp \(IST.isoString(bars[lines.firstIndex(of: first.line)!].start)) "
                             + "is not after the previous row (\(first.detail))")
        }
        return bars
    }

    /// Every row as a bar with its line number (1-based), in file order, each row checked on its
    /// own (fields, prices, volume); the order of the rows is not judged here.
    public func parseRows(_ text: String) throws(ParseError) -> (bars: [Bar], lines: [Int]) {
        var bars: [Bar] = []
        var lines: [Int] = []
        var lineNumber = 0
        // An Excel-style CSV starts with a UTF-8 byte-order mark; drop it so the header is recognised.
        var text = Substring(text)
        if text.unicodeScalars.first == "\u{FEFF}" { text = Substring(text.unicodeScalars.dropFirst()) }
        // Swift treats "\r\n" as one Character, so split on it as well as on "\n".
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if lineNumber == 1 && line.lowercased().hasPrefix("timestamp") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 6 else {
                throw ParseError(line: lineNumber, reason: "expected 6 fields, found \(fields.count)")
            }
            guard let start = Self.parseTimestamp(String(fields[0])) else {
                throw ParseError(line: lineNumber, reason: "timestamp '\(fields[0])' is not ISO-8601 with an offset")
            }
            var prices: [Paise] = []
            for (index, name) in ["open", "high", "low", "close"].enumerated() {
                guard let price = Paise(rupeeString: fields[index + 1]) else {
                    throw ParseError(line: lineNumber, reason: "\(name) '\(fields[index + 1])' is not a price")
                }
                guard price > .zero else { throw ParseError(line: lineNumber, reason: "\(name) \(price.rupeeString) is not positive") }
                prices.append(price)
            }
            guard let volume = Int64(fields[5].trimmingCharacters(in: .whitespaces)), volume >= 0 else {
                throw ParseError(line: lineNumber, reason: "volume '\(fields[5])' is not a non-negative integer")
            }
            let (open, high, low, close) = (prices[0], prices[1], prices[2], prices[3])
            guard high >= low, high >= open, high >= close, low <= open, low <= close else {
                throw ParseError(line: lineNumber, reason: "high \(high.rupeeString) / low \(low.rupeeString) do not bound open and close")
            }
            bars.append(Bar(symbol: symbol, start: start, open: open, high: high, low: low, close: close, volume: volume))
            lines.append(lineNumber)
        }
        return (bars, lines)
    }

    static func parseTimestamp(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // The common form (`2025-09-04T09:15:00+05:30` or `…Z`) without a formatter: 100× faster on big files.
        let utf8 = Array(trimmed.utf8)
        let fast = utf8.withUnsafeBufferPointer { BarColumns.scanTime($0, from: 0, to: $0.count) }
        if let fast, fast.next == utf8.count { return Date(timeIntervalSince1970: Double(fast.time)) }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: trimmed) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: trimmed)
    }
}
