import Foundation

/// Reads the two small files that shape the universe, naming the line of any bad entry:
///
/// - **F&O ban list** (`banList`): NSE's `fo_secban.csv` (a title line such as
///   `Securities in Ban For Trade Date 24-NOV-2026:` then `1,RBLBANK` lines) or one symbol a
///   line. Blank lines, `#` comments, the title line and `NIL` are skipped.
/// - **Volumes** (`volumes`): `symbol,volume` lines (an optional `symbol,volume` header), for
///   choosing the top N F&O stocks by traded quantity.
public enum SymbolListParser {
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public let line: Int
        public let reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    public static func banList(_ text: String) throws(ParseError) -> Set<String> {
        var symbols = Set<String>()
        for (number, line) in lines(text) {
            if line.lowercased().hasPrefix("securities") || line.uppercased() == "NIL" { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count <= 2, let symbol = fields.last, isSymbol(symbol),
                  fields.count == 1 || Int(fields[0]) != nil else {
                throw ParseError(line: number, reason: "expected a symbol or 'serial,SYMBOL', got '\(line)'")
            }
            symbols.insert(symbol.uppercased())
        }
        return symbols
    }

    public static func volumes(_ text: String) throws(ParseError) -> [String: Int64] {
        var volumes: [String: Int64] = [:]
        for (number, line) in lines(text) {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if volumes.isEmpty && fields.first?.lowercased() == "symbol" { continue }
            guard fields.count == 2, isSymbol(fields[0]) else {
                throw ParseError(line: number, reason: "expected 'SYMBOL,volume', got '\(line)'")
            }
            guard let volume = Int64(fields[1]), volume >= 0 else {
                throw ParseError(line: number, reason: "volume '\(fields[1])' is not a non-negative integer")
            }
            guard volumes[fields[0].uppercased()] == nil else {
                throw ParseError(line: number, reason: "\(fields[0]) is listed twice")
            }
            volumes[fields[0].uppercased()] = volume
        }
        return volumes
    }

    /// Non-blank, non-comment lines with their 1-based numbers.
    private static func lines(_ text: String) -> [(Int, String)] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated().compactMap { index, raw in
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            return line.isEmpty || line.hasPrefix("#") ? nil : (index + 1, line)
        }
    }

    /// NSE symbols: letters, digits, `&`, `-` and `_`, at most 20 characters.
    private static func isSymbol(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 20 && text.unicodeScalars.allSatisfy {
            ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "&" || $0 == "-" || $0 == "_"
        }
    }
}
