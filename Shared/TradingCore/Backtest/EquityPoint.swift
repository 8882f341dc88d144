import Foundation

/// The account after one time step of a backtest: capital plus realised net P&L plus open
/// positions marked at the step's closes (gross: a position's charges are booked at its exit).
public struct EquityPoint: Hashable, Sendable, Codable {
    /// The close of the step (its bars' start + the timeframe).
    public var time: Date
    public var equity: Paise
    public var openPositions: Int

    public init(time: Date, equity: Paise, openPositions: Int) {
        self.time = time
        self.equity = equity
        self.openPositions = openPositions
    }
}
