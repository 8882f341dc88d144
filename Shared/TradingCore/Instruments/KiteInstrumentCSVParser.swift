import Foundation

/// Parses the CSV that Kite's `GET /instruments` returns:
/// `instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange`.
///
/// Columns are found by name in the header (any order; extra columns are ignored). Fields
/// follow RFC 4180 (quoted fields may hold commas, `""` and line breaks); lines end in LF
/// or CRLF. The whole file is validated before anything is returned, so a bad row never
/// leaves a half-loaded instrument table; the error names the line and the column, e.g.
/// `line 12: lot_size 'x' is not an integer`.
///
/// Rows in `skippedSegments` (by default the currency segments, whose tick size of ₹0.0025
/// is not a whole number of paise) are dropped after their field count is checked.
public struct KiteInstrumentCSVParser: Sendable {
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        /// The 1-based line the offending record starts on.
        public let line: Int
        /// The column the error is about, or nil when it concerns the whole row.
        public let column: String?
        public let reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// The columns every dump must have, in Kite's order.
    public static let columns = ["instrument_token", "exchange_token", "tradingsymbol", "name", "last_price", "expiry",
                                 "strike", "tick_size", "lot_size", "instrument_type", "segment", "exchange"]

    /// Currency futures and options on NSE and BSE: prices in fractions of a paisa.
    public static let currencySegments: Set<String> = ["CDS-FUT", "CDS-OPT", "BCD-FUT", "BCD-OPT", "BCD"]

    public let skippedSegments: Set<String>

    public init(skippedSegments: Set<String> = KiteInstrumentCSVParser.currencySegments) {
        self.skippedSegments = skippedSegments
    }

    public func parse(_ text: String) throws(ParseError) -> [KiteInstrument] {
        let records: [CSVRecordReader.Record]
        var headerNames: [String] = []
        do {
            records = try CSVRecordReader.records(text)
        } catch {
            // Name the column when the header before the error has been read.
            let header = (try? CSVRecordReader.records(Self.firstLine(of: text)))?.first?.fields ?? []
            headerNames = header.map(Self.trimmed)
            let column = error.fieldIndex < headerNames.count && error.line > 1 ? headerNames[error.fieldIndex] : nil
            throw ParseError(line: error.line, column: column,
                             reason: "\(column ?? "field \(error.fieldIndex + 1)") \(error.reason)")
        }
        guard let headerRecord = records.first(where: { !$0.isBlank }) else {
            throw ParseError(line: 1, column: nil, reason: "no header: the file is empty")
        }
        headerNames = headerRecord.fields.map(Self.trimmed)
        var position: [String: Int] = [:]
        for (index, name) in headerNames.enumerated() where Self.columns.contains(name) {
            if position[name] != nil {
                throw ParseError(line: headerRecord.line, column: name, reason: "column \(name) appears twice in the header")
            }
            position[name] = index
        }
        if let missing = Self.columns.first(where: { position[$0] == nil }) {
            throw ParseError(line: headerRecord.line, column: missing, reason: "header has no \(missing) column")
        }
        let columnIndex = Self.columns.map { position[$0]! }

        var instruments: [KiteInstrument] = []
        instruments.reserveCapacity(records.count)
        var lineOfToken: [Int64: Int] = [:]
        for record in records where record.line > headerRecord.line && !record.isBlank {
            guard record.fields.count == headerNames.count else {
                throw ParseError(line: record.line, column: nil,
                                 reason: "expected \(headerNames.count) fields, found \(record.fields.count)")
            }
            let row = Row(line: record.line, fields: columnIndex.map { record.fields[$0] })
            if skippedSegments.contains(row.text(10)) { continue }
            let instrument = try row.instrument()
            if let earlier = lineOfToken[instrument.instrumentToken] {
                throw ParseError(line: record.line, column: "instrument_token",
                                 reason: "instrument_token \(instrument.instrumentToken) repeats line \(earlier)")
            }
            lineOfToken[instrument.instrumentToken] = record.line
            instruments.append(instrument)
        }
        return instruments
    }

    private static func firstLine(of text: String) -> String {
        String(text.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" })
    }

    /// One data row with its fields in `columns` order.
    private struct Row {
        let line: Int
        let fields: [String]

        func text(_ index: Int) -> String { KiteInstrumentCSVParser.trimmed(fields[index]) }

        func fail(_ index: Int, _ problem: String) -> ParseError {
            let column = KiteInstrumentCSVParser.columns[index]
            return ParseError(line: line, column: column, reason: "\(column) '\(fields[index])' \(problem)")
        }

        func integer(_ index: Int, minimum: Int64) throws(ParseError) -> Int64 {
            let raw = text(index)
            guard let value = Int64(raw), raw.first != "+" else { throw fail(index, "is not an integer") }
            guard value >= minimum else {
                throw fail(index, minimum == 1 ? "is not positive" : "is negative")
            }
            return value
        }

        func price(_ index: Int, allowNegative: Bool = false) throws(ParseError) -> Paise {
            guard let value = KiteInstrumentCSVParser.paise(text(index)) else {
                throw fail(index, "is not a price in whole paise")
            }
            guard allowNegative || value >= .zero else { throw fail(index, "is negative") }
            return value
        }

        func instrument() throws(ParseError) -> KiteInstrument {
            let token = try integer(0, minimum: 1)
            let exchangeToken = try integer(1, minimum: 0)
            let tradingsymbol = text(2)
            guard !tradingsymbol.isEmpty else { throw fail(2, "is empty") }
            let lastPrice = try price(4, allowNegative: true)   // crude oil has settled below zero
            let expiryText = text(5)
            guard expiryText.isEmpty || KiteInstrumentCSVParser.isDay(expiryText) else {
                throw fail(5, "is not a yyyy-MM-dd day")
            }
            let strike = try price(6)
            let tickSize = try price(7)
            let lotSize = try integer(8, minimum: 0)
            guard lotSize <= Int64(Int32.max) else { throw fail(8, "is too large") }
            let type = text(9)
            guard !type.isEmpty else { throw fail(9, "is empty") }
            let instrumentType = KiteInstrumentType(rawValue: type)
            if instrumentType.isDerivative && expiryText.isEmpty {
                throw ParseError(line: line, column: "expiry", reason: "expiry is empty for a \(type) instrument")
            }
            if instrumentType.isOption && strike <= .zero {
                throw ParseError(line: line, column: "strike",
                                 reason: "strike '\(fields[6])' is not positive for a \(type) instrument")
            }
            let exchange = text(11)
            guard !exchange.isEmpty else { throw fail(11, "is empty") }
            return KiteInstrument(instrumentToken: token, exchangeToken: exchangeToken, tradingsymbol: tradingsymbol,
                                  name: text(3), lastPrice: lastPrice, expiry: expiryText.isEmpty ? nil : expiryText,
                                  strike: strike, tickSize: tickSize, lotSize: Int(lotSize),
                                  instrumentType: instrumentType, segment: text(10), exchange: exchange)
        }
    }

    /// The field without leading or trailing spaces and tabs; cheap when there are none,
    /// which is every field of a real dump.
    static func trimmed(_ field: String) -> String {
        func isBlank(_ byte: UInt8?) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard isBlank(field.utf8.first) || isBlank(field.utf8.last) else { return field }
        return field.trimmingCharacters(in: .whitespaces)
    }

    /// `Paise(rupeeString:)` with a fast path for plain `123.45`-style text (the Foundation
    /// trimming inside that initialiser dominated the parse of a 100 000-row dump).
    static func paise(_ text: String) -> Paise? {
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var wholeDigits = 0
        var seenPoint = false
        var negative = false
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where offset == 0:
                negative = true
            case UInt8(ascii: "."):
                guard !seenPoint else { return nil }
                seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int64(byte - UInt8(ascii: "0"))
                if seenPoint {
                    fractionDigits += 1
                    if fractionDigits > 2 {
                        guard digit == 0 else { return nil }      // "0.0025" is not whole paise
                    } else {
                        fraction = fraction * 10 + digit
                    }
                } else {
                    wholeDigits += 1
                    guard wholeDigits <= 15 else { return Paise(rupeeString: text) }   // let Paise check overflow
                    whole = whole * 10 + digit
                }
            default:
                return Paise(rupeeString: text)    // anything unusual: the general parser decides
            }
        }
        guard wholeDigits > 0 || fractionDigits > 0 else { return nil }
        if fractionDigits == 1 { fraction *= 10 }
        let value = whole * 100 + fraction
        return Paise(negative ? -value : value)
    }

    /// True for a real Gregorian calendar day written `yyyy-MM-dd`.
    static func isDay(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard utf8.count == 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-") else { return false }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = utf8[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              year >= 1900, (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }
}
