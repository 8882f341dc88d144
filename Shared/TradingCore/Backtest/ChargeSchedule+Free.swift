import Foundation

extension ChargeSchedule {
    /// No charges at all: for charge-free comparisons (`backtest.charges: false`).
    public static let free = ChargeSchedule(
        futures: ChargeRates(brokerageCap: .zero, brokeragePercent: nil, sttSellPercent: 0, exchangePercent: 0, stampBuyPercent: 0),
        options: ChargeRates(brokerageCap: .zero, brokeragePercent: nil, sttSellPercent: 0, exchangePercent: 0, stampBuyPercent: 0),
        sebiPerCrore: .zero, gstPercent: 0)
}
