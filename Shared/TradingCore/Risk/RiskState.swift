import Foundation

/// What risk-gate knows about the desk when a signal arrives, rebuilt from Postgres and Redis.
/// When any of it could not be read, the caller passes `.unreadable` and every entry is
/// rejected (fail closed).
public struct RiskState: Sendable, Hashable, Codable {
    public var mode: TradingMode
    public var paused: Bool
    public var halted: Bool
    public var haltReason: String?
    /// Positions open plus approved entries not yet resolved.
    public var openPositions: Int
    public var readable: Bool
    /// Whether this process holds the session's risk-gate lease.
    public var leader: Bool = true
    /// When the state was read (service clock); nil means never.
    public var readAt: Date?
    /// Entries approved today (IST day of the service clock).
    public var tradesToday: Int = 0
    public var realisedToday: Paise = .zero
    public var unrealised: Paise = .zero
    /// Capital at the start of the IST day (configured capital + net P&L of earlier days).
    public var startOfDayCapital: Paise?
    /// Sum over closed trades of net P&L / the decision's risk amount.
    public var rToday: Double = 0
    public var rWeek: Double = 0
    /// Open risk to stop (portfolio heat), in-flight approvals included.
    public var openRisk: Paise = .zero
    /// Open notional per underlying.
    public var exposureByUnderlying: [String: Paise] = [:]
    /// Margin blocked by open positions (same estimate as for a new trade).
    public var marginUsed: Paise = .zero

    public init(mode: TradingMode, paused: Bool, halted: Bool, openPositions: Int, readable: Bool = true, readAt: Date? = nil) {
        self.mode = mode
        self.paused = paused
        self.halted = halted
        self.openPositions = openPositions
        self.readable = readable
        self.readAt = readAt
    }

    /// The state to use when Redis or Postgres could not be read.
    public static let unreadable = RiskState(mode: .paper, paused: true, halted: true, openPositions: .max, readable: false)

    /// Realised + unrealised P&L of the day.
    public var dayPnl: Paise { realisedToday + unrealised }
}
