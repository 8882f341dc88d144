import Foundation

/// One contract kind's charge rates. Percentages are percent of turnover (0.05 means 0.05 %);
/// they are configured as `Decimal` (so `0.00183` is exact) and held as `PercentRate` integers.
public struct ChargeRates: Sendable, Hashable, Codable {
    /// Brokerage per executed order: `brokeragePercent` of turnover capped at `brokerageCap`,
    /// or the flat cap when `brokeragePercent` is nil (options).
    public var brokerageCap: Paise
    public var brokerageRate: PercentRate?
    /// Securities transaction tax on the sell side only.
    public var sttSellRate: PercentRate
    /// Exchange transaction charges on both sides.
    public var exchangeRate: PercentRate
    /// Stamp duty on the buy side only.
    public var stampBuyRate: PercentRate

    public init(brokerageCap: Paise, brokeragePercent: Decimal?, sttSellPercent: Decimal, exchangePercent: Decimal,
                stampBuyPercent: Decimal) {
        self.brokerageCap = brokerageCap
        self.brokerageRate = brokeragePercent.map(PercentRate.init)
        self.sttSellRate = PercentRate(sttSellPercent)
        self.exchangeRate = PercentRate(exchangePercent)
        self.stampBuyRate = PercentRate(stampBuyPercent)
    }

    public var brokeragePercent: Decimal? { brokerageRate?.percent }
    public var sttSellPercent: Decimal { sttSellRate.percent }
    public var exchangePercent: Decimal { exchangeRate.percent }
    public var stampBuyPercent: Decimal { stampBuyRate.percent }
}
