import Foundation

/// Listed market events (RBI policy, CPI, results) on top of the trading calendar (holidays,
/// special sessions, expiry rules). Answers "event within N minutes" and "expiry day" for an
/// instant; pure arithmetic on IST day numbers, no clock.
public struct EventCalendar: Hashable, Sendable {
    public var events: [MarketEvent]
    /// Holidays, special sessions and expiries: the one `TradingCalendar`.
    public var trading: TradingCalendar

    /// `HOLIDAY` and `EXPIRY` rows of `events` are added to `trading`; `expiryRules` too.
    public init(events: [MarketEvent] = [], expiryRules: [String: ExpiryRule] = [:], trading: TradingCalendar = TradingCalendar()) {
        self.events = events.filter { $0.kind != .holiday && $0.kind != .expiry }.sorted { $0.at < $1.at }
        var listed = TradingCalendar(expiryRules: expiryRules)
        for event in events where event.kind == .holiday { listed.holidays[NSESession.dayNumber(event.at)] = event.title }
        listed.listedExpiries = Set(events.filter { $0.kind == .expiry }.map { NSESession.dayNumber($0.at) })
        self.trading = trading.merging(listed)
    }

    public static let empty = EventCalendar()

    /// The calendar as a strategy sees it at `now` for `symbol`.
    public func proximity(at now: Date, symbol: String, lookaheadMinutes: Int) -> EventProximity {
        let window = Double(lookaheadMinutes * 60)
        let nearest = events.filter { $0.concerns(symbol) && abs($0.at.timeIntervalSince(now)) <= window }
            .min { abs($0.at.timeIntervalSince(now)) < abs($1.at.timeIntervalSince(now)) }
        let minutes = nearest.map { Int(($0.at.timeIntervalSince(now) / 60).rounded()) }
        return EventProximity(nearestEvent: nearest, minutesToEvent: minutes, isExpiryDay: isExpiryDay(now, symbol: symbol))
    }

    public func isTradingDay(_ day: Int64) -> Bool { trading.isTradingDay(day) }

    /// True when `date`'s IST day is a (holiday-shifted) weekly or monthly expiry of `symbol`.
    public func isExpiryDay(_ date: Date, symbol: String) -> Bool {
        trading.isExpiryDay(NSESession.dayNumber(date), symbol: symbol)
    }
}
