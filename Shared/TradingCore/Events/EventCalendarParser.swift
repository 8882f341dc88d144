import Foundation

/// Reads the event calendar file: CSV `date,time,kind,underlying,title` with the date as
/// `yyyy-MM-dd` and the time as `HH:mm` IST (empty: 09:15), `kind` one of `MarketEventKind`,
/// `underlying` empty for the whole market. `#` lines and blank lines are skipped. A bad row
/// is an error naming its line.
public enum EventCalendarParser {
    public struct ParseError: Error, CustomStringConvertible, Equatable, Sendable {
        public let line: Int
        public let reason: String
        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }
        public var description: String { "event calendar line \(line): \(reason)" }
    }

    public static func parse(_ text: String) throws -> [MarketEvent] {
        var events: [MarketEvent] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") || line.lowercased().hasPrefix("date,") { continue }
            events.append(try parseRow(line, number: index + 1))
        }
        return events
    }

    static func parseRow(_ line: String, number: Int) throws -> MarketEvent {
        let fields = line.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard fields.count == 5 else { throw ParseError(line: number, reason: "expected 5 fields, found \(fields.count)") }
        let dateParts = fields[0].split(separator: "-").compactMap { Int($0) }
        guard dateParts.count == 3, (1...12).contains(dateParts[1]), (1...31).contains(dateParts[2]) else {
            throw ParseError(line: number, reason: "date '\(fields[0])' is not yyyy-MM-dd")
        }
        let timeText = fields[1].isEmpty ? "09:15" : fields[1]
        let timeParts = timeText.split(separator: ":").compactMap { Int($0) }
        guard timeParts.count == 2, (0...23).contains(timeParts[0]), (0...59).contains(timeParts[1]) else {
            throw ParseError(line: number, reason: "time '\(fields[1])' is not HH:mm")
        }
        guard let kind = MarketEventKind(rawValue: fields[2].uppercased()) else {
            throw ParseError(line: number, reason: "kind '\(fields[2])' is not one of "
                             + MarketEventKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        var components = DateComponents(year: dateParts[0], month: dateParts[1], day: dateParts[2],
                                        hour: timeParts[0], minute: timeParts[1])
        components.timeZone = IST.timeZone
        guard let at = IST.calendar.date(from: components) else { throw ParseError(line: number, reason: "no such date") }
        return MarketEvent(at: at, kind: kind, underlying: fields[3].isEmpty ? nil : fields[3].uppercased(), title: fields[4])
    }
}
