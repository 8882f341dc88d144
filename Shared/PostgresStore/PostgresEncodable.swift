import Foundation
import Messages
import TradingCore

/// A value sent as a text parameter of `PQexecParams` (Postgres casts it to the column type).
public protocol PostgresEncodable: Sendable {
    var postgresText: String { get }
}

extension String: PostgresEncodable { public var postgresText: String { self } }
extension Int: PostgresEncodable { public var postgresText: String { String(self) } }
extension Int64: PostgresEncodable { public var postgresText: String { String(self) } }
extension Double: PostgresEncodable { public var postgresText: String { String(self) } }
extension Bool: PostgresEncodable { public var postgresText: String { self ? "true" : "false" } }
extension UUID: PostgresEncodable { public var postgresText: String { uuidString.lowercased() } }
extension Date: PostgresEncodable { public var postgresText: String { Timestamp.format(self) } }
extension Paise: PostgresEncodable { public var postgresText: String { rupeeString } }
