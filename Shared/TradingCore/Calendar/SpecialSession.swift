/// A session NSE announces outside the regular calendar: Diwali Muhurat trading (an hour on
/// a holiday), or a full session on a weekend (the Union Budget on Sunday 2026-02-01).
public struct SpecialSession: Hashable, Sendable, Codable {
    /// IST day number (`NSESession.dayNumber`).
    public var day: Int64
    public var hours: SessionHours
    public var title: String

    public init(day: Int64, hours: SessionHours, title: String) {
        self.day = day
        self.hours = hours
        self.title = title
    }
}
