/// A bad line in a trading calendar file, with its 1-based line number.
public struct TradingCalendarParseError: Error, CustomStringConvertible, Equatable, Sendable {
    public let line: Int
    public let reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}
