import Foundation

/// The Indian F&O charge model (NSE, discount-broker schedule), as configuration.
///
/// Defaults (`nseDiscount2026`) are the rates in force from 1 April 2026:
/// - brokerage: futures 0.03 % or ₹20 per executed order, whichever is lower; options flat ₹20
///   (Zerodha, support.zerodha.com "What is the brokerage for Futures and Options?");
/// - STT, sell side only: futures 0.05 % of turnover, options 0.15 % of premium turnover
///   (Union Budget 2026, from 1 April 2026: cleartax.in/s/securities-transaction-tax-stt);
/// - NSE transaction charges: futures 0.00183 %, options 0.03553 % of premium turnover;
/// - SEBI turnover fee ₹10 per crore (0.0001 %);
/// - stamp duty, buy side only: futures 0.002 %, options 0.003 %;
/// - GST 18 % on brokerage + transaction charges + SEBI fee.
/// Each component of an order is rounded to the nearest paisa (brokers round some to the rupee
/// on the contract note; the difference is below ₹1 per component).
public struct ChargeSchedule: Sendable, Hashable, Codable {
    public var futures: ChargeRates
    public var options: ChargeRates
    /// SEBI fee per crore (₹1,00,00,000) of turnover.
    public var sebiPerCrore: Paise
    public var gstRate: PercentRate

    public init(futures: ChargeRates, options: ChargeRates, sebiPerCrore: Paise, gstPercent: Decimal) {
        self.futures = futures
        self.options = options
        self.sebiPerCrore = sebiPerCrore
        self.gstRate = PercentRate(gstPercent)
    }

    public var gstPercent: Decimal { gstRate.percent }

    public static let nseDiscount2026 = ChargeSchedule(
        futures: ChargeRates(brokerageCap: Paise(2_000), brokeragePercent: Decimal(string: "0.03"),
                             sttSellPercent: Decimal(string: "0.05")!, exchangePercent: Decimal(string: "0.00183")!,
                             stampBuyPercent: Decimal(string: "0.002")!),
        options: ChargeRates(brokerageCap: Paise(2_000), brokeragePercent: nil,
                             sttSellPercent: Decimal(string: "0.15")!, exchangePercent: Decimal(string: "0.03553")!,
                             stampBuyPercent: Decimal(string: "0.003")!),
        sebiPerCrore: Paise(1_000), gstPercent: 18)

    public func rates(_ kind: ContractKind) -> ChargeRates { kind == .option ? options : futures }

    /// The charges of one executed order of `quantity` units at `price` (the premium for options).
    /// Integer arithmetic throughout (turnover in paise as `Int128`), each component rounded
    /// half away from zero to the paisa.
    public func order(_ kind: ContractKind, side: Side, price: Paise, quantity: Int) -> ChargeBreakdown {
        guard quantity > 0, price > .zero else { return .zero }
        let rates = rates(kind)
        let turnover = Int128(price.value) * Int128(quantity)
        let brokerage = rates.brokerageRate.map { min($0.of(turnover), rates.brokerageCap) } ?? rates.brokerageCap
        let exchange = rates.exchangeRate.of(turnover)
        // A crore is 10^9 paise.
        let sebi = Paise(PercentRate.divideRounded(turnover * Int128(sebiPerCrore.value), by: 1_000_000_000))
        var result = ChargeBreakdown(brokerage: brokerage, exchange: exchange, sebi: sebi)
        if side == .sell { result.stt = rates.sttSellRate.of(turnover) }
        if side == .buy { result.stamp = rates.stampBuyRate.of(turnover) }
        result.gst = gstRate.of(Int128((brokerage + exchange + sebi).value))
        return result
    }

    /// Entry and exit of one position: the entry side at `entry`, the opposite side at `exit`.
    public func roundTrip(_ kind: ContractKind, entrySide: Side, entry: Paise, exit: Paise, quantity: Int) -> ChargeBreakdown {
        order(kind, side: entrySide, price: entry, quantity: quantity)
            + order(kind, side: entrySide.opposite, price: exit, quantity: quantity)
    }
}
