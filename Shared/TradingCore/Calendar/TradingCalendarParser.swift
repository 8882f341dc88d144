import Foundation

/// Reads one year's trading calendar file: CSV `date,kind,open,close,title`, `date` as
/// `yyyy-MM-dd`, `kind` `HOLIDAY` (no session; `open`/`close` empty) or `SESSION` (a special
/// session from `open` to `close`, `HH:mm` IST). `#` lines, blank lines and the header are
/// skipped. Every date must lie in `year`. A bad row is an error naming its line.
public enum TradingCalendarParser {
    public static func parse(_ text: String, year: Int) throws -> TradingCalendar {
        var holidays: [Int64: String] = [:]
        var sessions: [SpecialSession] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let number = index + 1
            if line.isEmpty || line.hasPrefix("#") || line.lowercased().hasPrefix("date,") { continue }
            let fields = line.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 5 else {
                throw TradingCalendarParseError(line: number, reason: "expected 5 fields (date,kind,open,close,title), found \(fields.count)")
            }
            guard let day = TradingCalendar.day(fromString: fields[0]) else {
                throw TradingCalendarParseError(line: number, reason: "date '\(fields[0])' is not yyyy-MM-dd")
            }
            guard fields[0].hasPrefix("\(year)-") else {
                throw TradingCalendarParseError(line: number, reason: "date '\(fields[0])' is not in \(year)")
            }
            switch fields[1].uppercased() {
            case "HOLIDAY":
                guard fields[2].isEmpty, fields[3].isEmpty else {
                    throw TradingCalendarParseError(line: number, reason: "a HOLIDAY has no open or close time")
                }
                guard holidays[day] == nil else { throw TradingCalendarParseError(line: number, reason: "\(fields[0]) is listed twice") }
                holidays[day] = fields[4]
            case "SESSION":
                guard let open = minute(fields[2]), let close = minute(fields[3]), open < close else {
                    throw TradingCalendarParseError(line: number, reason: "a SESSION needs open < close as HH:mm, got '\(fields[2])'-'\(fields[3])'")
                }
                guard !sessions.contains(where: { $0.day == day }) else {
                    throw TradingCalendarParseError(line: number, reason: "\(fields[0]) has two sessions")
                }
                sessions.append(SpecialSession(day: day, hours: SessionHours(openMinute: open, closeMinute: close), title: fields[4]))
            default:
                throw TradingCalendarParseError(line: number, reason: "kind '\(fields[1])' is not HOLIDAY or SESSION")
            }
        }
        return TradingCalendar(holidays: holidays, specialSessions: sessions, years: [year])
    }

    /// `HH:mm` → minutes since midnight.
    public static func minute(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return hour * 60 + minute
    }
}
