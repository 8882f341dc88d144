/// A job that fires at a fixed IST time on every weekday.
public struct ScheduledJob: Hashable, Sendable, Codable {
    public var name: String
    public var hour: Int
    public var minute: Int

    public init(name: String, hour: Int, minute: Int) {
        self.name = name
        self.hour = hour
        self.minute = minute
    }

    /// Parses `"HH:MM"` (24-hour IST).
    public init?(name: String, time: String) {
        let parts = time.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        self.init(name: name, hour: hour, minute: minute)
    }

    public var timeString: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}
