/// When one underlying's F&O contracts expire: weekly on `weeklyWeekday` (if it has weeklies)
/// and monthly on the last `monthlyWeekday` of the month; either moves to the previous trading
/// day when it falls on a holiday. Weekdays are 1 = Sunday … 7 = Saturday.
public struct ExpiryRule: Hashable, Sendable, Codable {
    public var weeklyWeekday: Int?
    public var monthlyWeekday: Int?

    public init(weeklyWeekday: Int?, monthlyWeekday: Int?) {
        self.weeklyWeekday = weeklyWeekday
        self.monthlyWeekday = monthlyWeekday
    }

    /// `MON`…`SUN` → 2…1 as above; nil for anything else.
    public static func weekday(named name: String) -> Int? {
        ["SUN": 1, "MON": 2, "TUE": 3, "WED": 4, "THU": 5, "FRI": 6, "SAT": 7][name.uppercased()]
    }
}
