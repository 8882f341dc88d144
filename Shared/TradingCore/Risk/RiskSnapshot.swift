import Foundation

/// The risk state as published on `risk` (`risk.snapshot`), kept in Redis `risk:snapshot` for
/// control-api and stored in `risk_snapshots`. Money in paise, percentages of capital.
public struct RiskSnapshot: Sendable, Hashable, Codable {
    public var asOf: Date
    public var tradingDay: String
    public var heatPaise: Int64
    public var heatLimitPaise: Int64
    public var realisedTodayPaise: Int64
    public var unrealisedPaise: Int64
    public var startOfDayCapitalPaise: Int64
    public var rToday: Double
    public var rWeek: Double
    public var tradesToday: Int
    public var openPositions: Int
    public var marginUsedPaise: Int64
    public var exposurePaise: [String: Int64]
    public var paused: Bool
    public var halted: Bool
    public var haltReason: String?
    /// The tripwires currently breached (`daily_loss`, `daily_r`, `weekly_r`).
    public var breaches: [String]
    public var limits: RiskLimitsSummary
    public var canTakeNewPosition: Bool

    public init(state: RiskState, limits: RiskLimits, asOf: Date) {
        let breaches = Tripwire.breaches(state, limits: limits)
        self.asOf = asOf
        self.tradingDay = IST.dayString(asOf)
        self.heatPaise = state.openRisk.value
        self.heatLimitPaise = limits.heatLimit.value
        self.realisedTodayPaise = state.realisedToday.value
        self.unrealisedPaise = state.unrealised.value
        self.startOfDayCapitalPaise = (state.startOfDayCapital ?? limits.capital).value
        self.rToday = state.rToday
        self.rWeek = state.rWeek
        self.tradesToday = state.tradesToday
        self.openPositions = state.openPositions
        self.marginUsedPaise = state.marginUsed.value
        self.exposurePaise = state.exposureByUnderlying.mapValues(\.value)
        self.paused = state.paused
        self.halted = state.halted
        self.haltReason = state.haltReason
        self.breaches = breaches.map(\.kind.rawValue)
        self.limits = RiskLimitsSummary(limits)
        self.canTakeNewPosition = state.readable && state.leader && !state.paused && !state.halted && breaches.isEmpty
            && state.tradesToday < limits.maxTradesPerDay && state.openPositions < limits.maxOpenPositions
            && state.openRisk < limits.heatLimit
    }
}
