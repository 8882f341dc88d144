import Foundation

/// One contract kind's charge rates. Percentages are percent of turnover (0.05 means 0.05 %),
/// held as `Decimal` so a configured `0.00183` is exact.
public struct ChargeRates: Sendable, Hashable, Codable {
    /// Brokerage per executed order: `brokeragePercent` of turnover capped at `brokerageCap`,
    /// or the flat cap when `brokeragePercent` is nil (options).
    public var brokerageCap: Paise
    public var brokeragePercent: Decimal?
    /// Securities transaction tax on the sell side only.
    public var sttSellPercent: Decimal
    /// Exchange transaction charges on both sides.
    public var exchangePercent: Decimal
    /// Stamp duty on the buy side only.
    public var stampBuyPercent: Decimal

    public init(brokerageCap: Paise, brokeragePercent: Decimal?, sttSellPercent: Decimal, exchangePercent: Decimal,
                stampBuyPercent: Decimal) {
        self.brokerageCap = brokerageCap
        self.brokeragePercent = brokeragePercent
        self.sttSellPercent = sttSellPercent
        self.exchangePercent = exchangePercent
        self.stampBuyPercent = stampBuyPercent
    }
}
