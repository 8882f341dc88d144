/// What risk-gate knows about the desk when a signal arrives. When any of it could not
/// be read, the caller passes `readable: false` and every entry is rejected (fail closed).
public struct RiskState: Sendable, Hashable {
    public var mode: TradingMode
    public var paused: Bool
    public var halted: Bool
    /// Positions open plus approved entries not yet resolved.
    public var openPositions: Int
    public var readable: Bool

    public init(mode: TradingMode, paused: Bool, halted: Bool, openPositions: Int, readable: Bool = true) {
        self.mode = mode
        self.paused = paused
        self.halted = halted
        self.openPositions = openPositions
        self.readable = readable
    }

    /// The state to use when Redis or Postgres could not be read.
    public static let unreadable = RiskState(mode: .paper, paused: true, halted: true, openPositions: .max, readable: false)
}
