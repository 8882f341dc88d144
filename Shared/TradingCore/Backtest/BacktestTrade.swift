import Foundation

/// One closed round trip of a backtest: the signal that opened it, its fills, money and R.
/// `rMultiple` is net P&L over the risk the gate sized (loss at the stop, charges included),
/// the same definition risk-gate's R tripwires use.
public struct BacktestTrade: Hashable, Sendable, Codable {
    public var id: Int
    public var strategy: String
    public var symbol: String
    public var side: Side
    public var regime: String
    /// The start of the bar whose close produced the signal.
    public var signalBarStart: Date
    /// The start of the bar the entry filled in (always after `signalBarStart`).
    public var entryBarStart: Date
    public var entryPrice: Paise
    /// The start of the bar the exit filled in.
    public var exitBarStart: Date
    public var exitPrice: Paise
    public var quantity: Int
    public var lots: Int
    public var stop: Paise
    public var target: Paise
    public var grossPnl: Paise
    public var fees: Paise
    public var riskAmount: Paise
    public var exitReason: ExitReason
    /// Bars from the entry bar to the exit bar, both included.
    public var barsHeld: Int

    public init(id: Int, strategy: String, symbol: String, side: Side, regime: String, signalBarStart: Date,
                entryBarStart: Date, entryPrice: Paise, exitBarStart: Date, exitPrice: Paise, quantity: Int, lots: Int,
                stop: Paise, target: Paise, grossPnl: Paise, fees: Paise, riskAmount: Paise, exitReason: ExitReason,
                barsHeld: Int) {
        self.id = id
        self.strategy = strategy
        self.symbol = symbol
        self.side = side
        self.regime = regime
        self.signalBarStart = signalBarStart
        self.entryBarStart = entryBarStart
        self.entryPrice = entryPrice
        self.exitBarStart = exitBarStart
        self.exitPrice = exitPrice
        self.quantity = quantity
        self.lots = lots
        self.stop = stop
        self.target = target
        self.grossPnl = grossPnl
        self.fees = fees
        self.riskAmount = riskAmount
        self.exitReason = exitReason
        self.barsHeld = barsHeld
    }

    public var netPnl: Paise { grossPnl - fees }

    /// Net P&L in units of the sized risk; 0 when the risk is zero.
    public var rMultiple: Double { riskAmount > .zero ? Double(netPnl.value) / Double(riskAmount.value) : 0 }
}
