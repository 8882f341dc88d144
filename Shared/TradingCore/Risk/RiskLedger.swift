import Foundation

/// The day's and week's closed results and the open book, as read from Postgres: the input
/// from which `state(...)` derives heat, exposure, margin, P&L and R (pure arithmetic).
public struct RiskLedger: Sendable, Hashable, Codable {
    public var open: [OpenExposure]
    /// Approved entries the executor has not acted on yet: counted as open.
    public var inFlight: [OpenExposure]
    public var realisedToday: Paise
    /// Net P&L of every trade closed before today (start-of-day capital = capital + this).
    public var realisedBeforeToday: Paise
    public var rToday: Double
    public var rWeek: Double
    public var tradesToday: Int

    public init(open: [OpenExposure] = [], inFlight: [OpenExposure] = [], realisedToday: Paise = .zero,
                realisedBeforeToday: Paise = .zero, rToday: Double = 0, rWeek: Double = 0, tradesToday: Int = 0) {
        self.open = open
        self.inFlight = inFlight
        self.realisedToday = realisedToday
        self.realisedBeforeToday = realisedBeforeToday
        self.rToday = rToday
        self.rWeek = rWeek
        self.tradesToday = tradesToday
    }

    /// Fills the numeric fields of `base` (mode and flags come from the caller).
    public func state(_ base: RiskState, limits: RiskLimits) -> RiskState {
        var state = base
        let book = open + inFlight
        state.openPositions = book.count
        state.tradesToday = tradesToday
        state.realisedToday = realisedToday
        state.unrealised = open.reduce(.zero) { $0 + $1.unrealised }
        state.startOfDayCapital = limits.capital + realisedBeforeToday
        state.rToday = rToday
        state.rWeek = rWeek
        state.openRisk = book.reduce(.zero) { $0 + $1.riskToStop }
        state.exposureByUnderlying = book.reduce(into: [:]) { $0[$1.underlying, default: .zero] += $1.notional }
        state.marginUsed = book.reduce(.zero) { total, position in
            let longOption = position.kind == .option && position.side == .buy
            return total + (longOption ? position.notional : RiskLimits.percent(limits.marginPercent, of: position.notional))
        }
        return state
    }
}
