/// What a strategy and the ranking see of the event calendar at one instant for one underlying.
public struct EventProximity: Hashable, Sendable, Codable {
    /// The nearest listed event (not an expiry) within the look-ahead, if any.
    public var nearestEvent: MarketEvent?
    /// Minutes from now to that event (negative when it started in the last window).
    public var minutesToEvent: Int?
    /// True on the underlying's weekly or monthly F&O expiry day.
    public var isExpiryDay: Bool

    public init(nearestEvent: MarketEvent? = nil, minutesToEvent: Int? = nil, isExpiryDay: Bool = false) {
        self.nearestEvent = nearestEvent
        self.minutesToEvent = minutesToEvent
        self.isExpiryDay = isExpiryDay
    }

    public static let none = EventProximity()

    /// True when an event is within `minutes` either side of now.
    public func eventWithin(minutes: Int) -> Bool {
        guard let minutesToEvent else { return false }
        return abs(minutesToEvent) <= minutes
    }
}
