/// A bar interval: a whole number of seconds, written `1s`, `5s`, `1m`, `15m`, `1h`.
///
/// Bars are aligned to the 09:15 IST session open of each day (see `BarAggregator`), so any
/// interval from one second to one day works: 75-minute bars split the 375-minute session
/// into five.
public struct Timeframe: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let seconds: Int

    public init?(seconds: Int) {
        guard seconds > 0, seconds <= 86_400 else { return nil }
        self.seconds = seconds
    }

    /// Parses `<n>s`, `<n>m` or `<n>h`; nil for anything else.
    public init?(_ text: String) {
        guard let unit = text.last, let count = Int(text.dropLast()), count > 0 else { return nil }
        switch unit {
        case "s": self.init(seconds: count)
        case "m": self.init(seconds: count * 60)
        case "h": self.init(seconds: count * 3600)
        default: return nil
        }
    }

    public static let oneSecond = Timeframe(seconds: 1)!
    public static let fiveSeconds = Timeframe(seconds: 5)!
    public static let oneMinute = Timeframe(seconds: 60)!

    /// The channel label: `1s`, `5s`, `1m`, `1h` (the largest unit that divides it).
    public var label: String {
        if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }

    public var description: String { label }

    public static func < (lhs: Timeframe, rhs: Timeframe) -> Bool { lhs.seconds < rhs.seconds }
}
