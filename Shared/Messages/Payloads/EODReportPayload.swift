import Foundation

/// `report.eod` on `reports`: the day's trading summary written to `eod_reports`.
public struct EODReportPayload: Codable, Sendable, Hashable {
    /// IST day, `yyyy-MM-dd`.
    public var tradingDay: String
    public var trades: Int
    public var wins: Int
    public var losses: Int
    public var grossPnlPaise: Int64
    /// Fees and charges of the day's trades.
    public var chargesPaise: Int64
    public var netPnlPaise: Int64
    /// Positions still open when the report ran (0 after a good `eod.flatten`).
    public var openPositions: Int
    public var riskEvents: Int

    public init(tradingDay: String, trades: Int, wins: Int, losses: Int, grossPnlPaise: Int64, chargesPaise: Int64,
                netPnlPaise: Int64, openPositions: Int, riskEvents: Int) {
        self.tradingDay = tradingDay
        self.trades = trades
        self.wins = wins
        self.losses = losses
        self.grossPnlPaise = grossPnlPaise
        self.chargesPaise = chargesPaise
        self.netPnlPaise = netPnlPaise
        self.openPositions = openPositions
        self.riskEvents = riskEvents
    }
}
