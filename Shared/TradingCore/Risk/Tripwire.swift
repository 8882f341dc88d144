import Foundation

/// A loss limit that, once reached, halts new entries until `until` and raises a `risk` event.
public struct Tripwire: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Realised + unrealised day P&L at or below −dailyLossPercent of start-of-day capital.
        case dailyLoss = "daily_loss"
        /// Closed trades of the day summing to −dailyLossR R or less.
        case dailyR = "daily_r"
        /// Closed trades of the week summing to −weeklyLossR R or less.
        case weeklyR = "weekly_r"
    }

    public var kind: Kind
    public var observed: Double
    public var limit: Double
    public var detail: String

    /// The breaches in `state`, in kind order (empty when none).
    public static func breaches(_ state: RiskState, limits: RiskLimits) -> [Tripwire] {
        var found: [Tripwire] = []
        let start = state.startOfDayCapital ?? limits.capital
        let stop = RiskLimits.percent(limits.dailyLossPercent, of: start)
        if state.dayPnl <= -stop {
            found.append(Tripwire(kind: .dailyLoss, observed: state.dayPnl.rupees, limit: -stop.rupees,
                                  detail: "day P&L \(state.dayPnl.rupeeString) ≤ −\(stop.rupeeString) (\(limits.dailyLossPercent) % of \(start.rupeeString))"))
        }
        if state.rToday <= -limits.dailyLossR {
            found.append(Tripwire(kind: .dailyR, observed: state.rToday, limit: -limits.dailyLossR,
                                  detail: "day R \(format(state.rToday)) ≤ −\(format(limits.dailyLossR))R"))
        }
        if state.rWeek <= -limits.weeklyLossR {
            found.append(Tripwire(kind: .weeklyR, observed: state.rWeek, limit: -limits.weeklyLossR,
                                  detail: "week R \(format(state.rWeek)) ≤ −\(format(limits.weeklyLossR))R"))
        }
        return found
    }

    /// When the halt ends: the next session's open (09:15 IST of the next weekday) for the day
    /// limits, 09:15 IST of the next Monday for the weekly one.
    public func until(after now: Date) -> Date {
        var open = IST.instant(onDayOf: now.addingTimeInterval(86_400), hour: 9, minute: 15)
        while !IST.isWeekday(open) || (kind == .weeklyR && IST.calendar.component(.weekday, from: open) != 2) {
            open = IST.instant(onDayOf: open.addingTimeInterval(86_400), hour: 9, minute: 15)
        }
        return open
    }

    static func format(_ value: Double) -> String { Format.number(value) }
}
