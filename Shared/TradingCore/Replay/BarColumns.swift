import Foundation

/// One symbol's bars as columns (start as Unix seconds, prices in paise), parsed straight from
/// the bytes of a `timestamp,open,high,low,close,volume` file: the fast path for large files
/// (the backtest benchmark). It accepts and refuses exactly what `BarCSVParser` does: a line the
/// byte scanner does not recognise (another timestamp form, a BOM, odd spacing) is handed to
/// `BarCSVParser`, so the error names the same line with the same reason.
public struct BarColumns: Sendable {
    public var start: [Int64] = []
    public var open: [Int64] = []
    public var high: [Int64] = []
    public var low: [Int64] = []
    public var close: [Int64] = []
    public var volume: [Int64] = []
    /// Each row's line in the file (filled only by `parse(_:symbol:requireIncreasing: false)`).
    public var lines: [Int] = []

    public init() {}

    public var count: Int { start.count }

    /// The first `limit` rows as `Bar`s.
    public func bars(symbol: String, limit: Int = .max) -> [Bar] {
        (0..<min(limit, count)).map { i in
            Bar(symbol: symbol, start: Date(timeIntervalSince1970: Double(start[i])), open: Paise(open[i]), high: Paise(high[i]),
                low: Paise(low[i]), close: Paise(close[i]), volume: volume[i])
        }
    }

    public static func parse(_ data: [UInt8], symbol: String = "NIFTY",
                             requireIncreasing: Bool = true) throws(BarCSVParser.ParseError) -> BarColumns {
        let result: Result<BarColumns, BarCSVParser.ParseError> = data.withUnsafeBufferPointer { bytes in
            do throws(BarCSVParser.ParseError) {
                return .success(try parse(bytes, symbol: symbol, requireIncreasing: requireIncreasing))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// `requireIncreasing`: a row not after the one above stops the parse (the benchmark's way);
    /// false keeps every row with its line number in `lines` for `BarSeriesCheck` to judge the order.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, symbol: String = "NIFTY",
                             requireIncreasing: Bool = true) throws(BarCSVParser.ParseError) -> BarColumns {
        var columns = BarColumns()
        let estimate = bytes.count / 48
        for index in 0..<6 { columns.reserve(estimate, column: index) }
        if !requireIncreasing { columns.lines.reserveCapacity(estimate) }
        var lineNumber = 0
        var position = 0
        var previous = Int64.min
        let count = bytes.count
        while position < count {
            lineNumber += 1
            var end = position
            while end < count && bytes[end] != 10 { end += 1 }
            var lineEnd = end
            if lineEnd > position && bytes[lineEnd - 1] == 13 { lineEnd -= 1 }
            defer { position = end + 1 }
            if lineEnd == position { continue }
            if lineNumber == 1 && (bytes[position] == 116 || bytes[position] == 84 || bytes[position] == 0xEF) {
                // "timestamp…" header (or a BOM before it): let the slow parser judge a first line that is not data.
                let text = String(decoding: bytes[position..<lineEnd], as: UTF8.self)
                if text.lowercased().hasPrefix("timestamp") || text.hasPrefix("\u{FEFF}") && text.dropFirst().lowercased().hasPrefix("timestamp") { continue }
            }
            var row: (Int64, Int64, Int64, Int64, Int64, Int64)
            if let fast = scan(bytes, from: position, to: lineEnd) {
                row = fast
            } else {
                let text = String(decoding: bytes[position..<lineEnd], as: UTF8.self)
                do {
                    guard let bar = try BarCSVParser(symbol: symbol).parse(text).first else { continue }
                    row = (Int64(bar.start.timeIntervalSince1970.rounded(.down)), bar.open.value, bar.high.value, bar.low.value,
                           bar.close.value, bar.volume)
                } catch {
                    throw BarCSVParser.ParseError(line: lineNumber, reason: error.reason)
                }
            }
            let (time, o, h, l, c, v) = row
            guard o > 0, h > 0, l > 0, c > 0 else {
                // Let the slow parser name the field.
                do { _ = try BarCSVParser(symbol: symbol).parse(String(decoding: bytes[position..<lineEnd], as: UTF8.self)) } catch {
                    throw BarCSVParser.ParseError(line: lineNumber, reason: error.reason)
                }
                throw BarCSVParser.ParseError(line: lineNumber, reason: "a price is not positive")
            }
            guard h >= l, h >= o, h >= c, l <= o, l <= c else {
                throw BarCSVParser.ParseError(line: lineNumber, reason: "high \(Paise(h).rupeeString) / low \(Paise(l).rupeeString) do not bound open and close")
            }
            guard time > previous || !requireIncreasing else {
                let field = String(decoding: bytes[position..<lineEnd], as: UTF8.self).split(separator: ",").first.map(String.init) ?? ""
                throw BarCSVParser.ParseError(line: lineNumber, reason: "timestamp \(field) is not after the previous row")
            }
            previous = time
            columns.start.append(time)
            columns.open.append(o)
            columns.high.append(h)
            columns.low.append(l)
            columns.close.append(c)
            columns.volume.append(v)
            if !requireIncreasing { columns.lines.append(lineNumber) }
        }
        return columns
    }

    private mutating func reserve(_ capacity: Int, column: Int) {
        switch column {
        case 0: start.reserveCapacity(capacity)
        case 1: open.reserveCapacity(capacity)
        case 2: high.reserveCapacity(capacity)
        case 3: low.reserveCapacity(capacity)
        case 4: close.reserveCapacity(capacity)
        default: volume.reserveCapacity(capacity)
        }
    }

    /// `yyyy-MM-ddTHH:mm:ss` then `Z` or `±HH:MM` at `from`: the Unix time and the index after it; nil for anything else.
    @inline(__always)
    static func scanTime(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> (time: Int64, next: Int)? {
        guard to - from >= 20 else { return nil }
        func digit(_ i: Int) -> Int64? {
            let value = Int64(b[i]) - 48
            return value >= 0 && value <= 9 ? value : nil
        }
        func number(_ i: Int, _ n: Int) -> Int64? {
            var result: Int64 = 0
            for k in 0..<n { guard let d = digit(i + k) else { return nil }; result = result * 10 + d }
            return result
        }
        let p = from
        guard b[p + 4] == 45, b[p + 7] == 45, b[p + 10] == 84, b[p + 13] == 58, b[p + 16] == 58,
              let year = number(p, 4), let month = number(p + 5, 2), let day = number(p + 8, 2),
              let hour = number(p + 11, 2), let minute = number(p + 14, 2), let second = number(p + 17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        var i = p + 19
        var offset: Int64 = 0
        if b[i] == 90 { i += 1 } else {
            guard b[i] == 43 || b[i] == 45, i + 6 <= to, b[i + 3] == 58, let oh = number(i + 1, 2), let om = number(i + 4, 2) else { return nil }
            offset = (oh * 3600 + om * 60) * (b[i] == 45 ? -1 : 1)
            i += 6
        }
        // The day must exist in its month (ISO8601DateFormatter refuses 2025-02-30).
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths: [Int64] = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[Int(month) - 1] else { return nil }
        // Days from the civil date (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return (days * 86_400 + hour * 3600 + minute * 60 + second - offset, i)
    }

    /// `yyyy-MM-ddTHH:mm:ss(Z|±HH:MM),price,price,price,price,volume` with plain decimals; nil for anything else.
    @inline(__always)
    static func scan(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> (Int64, Int64, Int64, Int64, Int64, Int64)? {
        guard to - from >= 30, let (time, next) = scanTime(b, from: from, to: to) else { return nil }
        var i = next
        guard i < to, b[i] == 44 else { return nil }
        i += 1
        var prices: (Int64, Int64, Int64, Int64) = (0, 0, 0, 0)
        for field in 0..<4 {
            var whole: Int64 = 0, fraction: Int64 = 0, fractionDigits = 0, digits = 0, dot = false
            while i < to && b[i] != 44 {
                let c = b[i]
                if c == 46 {
                    guard !dot else { return nil }
                    dot = true
                } else {
                    let d = Int64(c) - 48
                    guard d >= 0 && d <= 9 else { return nil }
                    if dot {
                        guard fractionDigits < 2 else { return nil }
                        fraction = fraction * 10 + d
                        fractionDigits += 1
                    } else {
                        guard digits < 15 else { return nil }
                        whole = whole * 10 + d
                        digits += 1
                    }
                }
                i += 1
            }
            guard digits > 0, i < to, !(dot && fractionDigits == 0) else { return nil }
            if fractionDigits == 1 { fraction *= 10 }
            let value = whole * 100 + fraction
            switch field {
            case 0: prices.0 = value
            case 1: prices.1 = value
            case 2: prices.2 = value
            default: prices.3 = value
            }
            i += 1
        }
        var volume: Int64 = 0, volumeDigits = 0
        while i < to {
            let d = Int64(b[i]) - 48
            guard d >= 0 && d <= 9, volumeDigits < 18 else { return nil }
            volume = volume * 10 + d
            volumeDigits += 1
            i += 1
        }
        guard volumeDigits > 0 else { return nil }
        return (time, prices.0, prices.1, prices.2, prices.3, volume)
    }
}
