import Foundation

extension ChargeSchedule {
    /// `risk_gate.charges.*` from flattened `section.key` → text, each key defaulting to
    /// `nseDiscount2026`: `futures.*` and `options.*` (`brokerage_per_order` in rupees,
    /// `brokerage_pct` a percentage or `flat`, `stt_sell_pct`, `exchange_pct`, `stamp_buy_pct`),
    /// `sebi_per_crore` (rupees) and `gst_pct`. Read by risk-gate and by the backtest alike.
    public init(configValues values: [String: String]) throws(StrategyConfigError) {
        let base = ChargeSchedule.nseDiscount2026
        self.init(futures: try Self.rates(values, "risk_gate.charges.futures", base.futures),
                  options: try Self.rates(values, "risk_gate.charges.options", base.options),
                  sebiPerCrore: try Self.paise(values, "risk_gate.charges.sebi_per_crore", base.sebiPerCrore),
                  gstPercent: try Self.percent(values, "risk_gate.charges.gst_pct", base.gstPercent))
    }

    static func rates(_ values: [String: String], _ prefix: String, _ base: ChargeRates) throws(StrategyConfigError) -> ChargeRates {
        let brokerage = values[prefix + ".brokerage_pct"] ?? ""
        return ChargeRates(
            brokerageCap: try paise(values, prefix + ".brokerage_per_order", base.brokerageCap),
            brokeragePercent: brokerage == "flat" ? nil
                : brokerage.isEmpty ? base.brokeragePercent : try percent(values, prefix + ".brokerage_pct", 0),
            sttSellPercent: try percent(values, prefix + ".stt_sell_pct", base.sttSellPercent),
            exchangePercent: try percent(values, prefix + ".exchange_pct", base.exchangePercent),
            stampBuyPercent: try percent(values, prefix + ".stamp_buy_pct", base.stampBuyPercent))
    }

    static func paise(_ values: [String: String], _ key: String, _ fallback: Paise) throws(StrategyConfigError) -> Paise {
        guard let text = values[key], !text.isEmpty else { return fallback }
        guard let value = Paise(rupeeString: text) else { throw StrategyConfigError(key: key, expected: "expected a rupee amount like 1000.50") }
        return value
    }

    static func percent(_ values: [String: String], _ key: String, _ fallback: Decimal) throws(StrategyConfigError) -> Decimal {
        guard let text = values[key], !text.isEmpty else { return fallback }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), value >= 0, value < 100 else {
            throw StrategyConfigError(key: key, expected: "expected a percentage like 0.05")
        }
        return value
    }
}
