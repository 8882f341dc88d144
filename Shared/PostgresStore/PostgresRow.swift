import Foundation
import Messages
import TradingCore

/// One result row as text values, with typed accessors that name the column on failure.
public struct PostgresRow: Sendable {
    let columns: [String: Int]
    public let values: [String?]

    init(columns: [String: Int], values: [String?]) {
        self.columns = columns
        self.values = values
    }

    public func optionalString(_ column: String) throws(PostgresError) -> String? {
        guard let index = columns[column] else { throw .decode("no column \(column)") }
        return values[index]
    }

    public func string(_ column: String) throws(PostgresError) -> String {
        guard let value = try optionalString(column) else { throw .decode("\(column) is NULL") }
        return value
    }

    public func int(_ column: String) throws(PostgresError) -> Int {
        let text = try string(column)
        guard let value = Int(text) else { throw .decode("\(column) '\(text)' is not an integer") }
        return value
    }

    public func double(_ column: String) throws(PostgresError) -> Double {
        let text = try string(column)
        guard let value = Double(text) else { throw .decode("\(column) '\(text)' is not a number") }
        return value
    }

    public func bool(_ column: String) throws(PostgresError) -> Bool {
        try string(column) == "t"
    }

    public func uuid(_ column: String) throws(PostgresError) -> UUID {
        let text = try string(column)
        guard let value = UUID(uuidString: text) else { throw .decode("\(column) '\(text)' is not a UUID") }
        return value
    }

    public func paise(_ column: String) throws(PostgresError) -> Paise {
        let text = try string(column)
        guard let value = Paise(rupeeString: text) else { throw .decode("\(column) '\(text)' is not a rupee amount") }
        return value
    }

    public func optionalPaise(_ column: String) throws(PostgresError) -> Paise? {
        guard let text = try optionalString(column) else { return nil }
        guard let value = Paise(rupeeString: text) else { throw .decode("\(column) '\(text)' is not a rupee amount") }
        return value
    }

    /// `timestamptz` as printed by a session whose time zone is UTC (`2026-11-22 05:21:40.123+00`).
    public func date(_ column: String) throws(PostgresError) -> Date {
        let text = try string(column)
        guard let value = Self.parseTimestamp(text) else { throw .decode("\(column) '\(text)' is not a timestamp") }
        return value
    }

    public func optionalDate(_ column: String) throws(PostgresError) -> Date? {
        guard let text = try optionalString(column) else { return nil }
        guard let value = Self.parseTimestamp(text) else { throw .decode("\(column) '\(text)' is not a timestamp") }
        return value
    }

    static func parseTimestamp(_ text: String) -> Date? {
        var normalized = text
        if normalized.hasSuffix("+00") { normalized = String(normalized.dropLast(3)) + "Z" }
        return Timestamp.parse(normalized)
    }
}
