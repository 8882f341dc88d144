import Foundation
import TradingCore

/// `regime.updated` on `regime`: an underlying's regime changed on the bar starting `barStart`.
public struct RegimePayload: Codable, Sendable, Hashable {
    public var symbol: String
    /// `TREND`, `RANGE`, `VOLATILE` or `NO_TRADE`.
    public var regime: String
    public var previous: String?
    public var reason: String
    public var adx: Double?
    public var atrPercentile: Double?
    public var bollingerWidth: Double?
    public var bollingerWidthPercentile: Double?
    public var atmSpreadFraction: Double?
    public var barStart: Date

    public init(symbol: String, assessment: RegimeAssessment, previous: String?, barStart: Date) {
        self.symbol = symbol
        self.regime = assessment.regime.rawValue
        self.previous = previous
        self.reason = assessment.reason
        self.adx = assessment.adx
        self.atrPercentile = assessment.atrPercentile
        self.bollingerWidth = assessment.bollingerWidth
        self.bollingerWidthPercentile = assessment.bollingerWidthPercentile
        self.atmSpreadFraction = assessment.atmSpreadFraction
        self.barStart = barStart
    }
}
