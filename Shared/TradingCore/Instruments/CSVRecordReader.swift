/// Splits RFC 4180 text into records of fields: quoted fields may hold commas, doubled
/// quotes (`""`) and line breaks; records end with LF, CRLF or a bare CR. A leading UTF-8
/// byte-order mark is dropped. Works on UTF-8 bytes so a 100 000-row dump splits quickly.
struct CSVRecordReader {
    /// One record and the (1-based) line it starts on.
    struct Record {
        let line: Int
        let fields: [String]

        /// A line holding nothing but whitespace.
        var isBlank: Bool {
            fields.count == 1 && fields[0].allSatisfy { $0 == " " || $0 == "\t" }
        }
    }

    /// A syntax error: the line it is on and the 0-based index of the field within its record.
    struct SyntaxError: Error {
        let line: Int
        let fieldIndex: Int
        let reason: String
    }

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    static func records(_ text: String) throws(SyntaxError) -> [Record] {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var wasQuoted = false
        var quoteClosed = false
        var quoteLine = 1

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
            quoteClosed = false
        }

        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if inQuotes {
                if byte == quote {
                    if index + 1 < count, bytes[index + 1] == quote {
                        field.append(quote)
                        index += 2
                        continue
                    }
                    inQuotes = false
                    quoteClosed = true
                } else {
                    // A CRLF inside quotes counts as one line; a bare CR or LF as one each.
                    if byte == lineFeed { line += 1 }
                    else if byte == carriageReturn, !(index + 1 < count && bytes[index + 1] == lineFeed) { line += 1 }
                    field.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case comma:
                endField()
            case lineFeed, carriageReturn:
                if byte == carriageReturn, index + 1 < count, bytes[index + 1] == lineFeed { index += 1 }
                endField()
                records.append(Record(line: recordLine, fields: fields))
                fields.removeAll(keepingCapacity: true)
                line += 1
                recordLine = line
            case quote:
                guard field.isEmpty, !wasQuoted else {
                    throw SyntaxError(line: line, fieldIndex: fields.count,
                                      reason: "has a quote inside an unquoted field or after a closing quote")
                }
                inQuotes = true
                wasQuoted = true
                quoteLine = line
            default:
                guard !quoteClosed else {
                    throw SyntaxError(line: line, fieldIndex: fields.count, reason: "has text after its closing quote")
                }
                field.append(byte)
            }
            index += 1
        }
        if inQuotes {
            throw SyntaxError(line: quoteLine, fieldIndex: fields.count, reason: "has a quote that is never closed")
        }
        // The last record, unless the text ended with a line break (or was empty).
        if !fields.isEmpty || !field.isEmpty || wasQuoted {
            endField()
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }
}
