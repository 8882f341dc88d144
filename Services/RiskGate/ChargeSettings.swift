import Foundation
import ServiceKit
import TradingCore

/// `risk_gate.charges.*`: the F&O charge schedule; each key defaults to `ChargeSchedule.nseDiscount2026`.
enum ChargeSettings {
    static func schedule(_ config: AppConfig) throws -> ChargeSchedule {
        let base = ChargeSchedule.nseDiscount2026
        return ChargeSchedule(futures: try rates(config, "risk_gate.charges.futures", base.futures),
                              options: try rates(config, "risk_gate.charges.options", base.options),
                              sebiPerCrore: try config.paise("risk_gate.charges.sebi_per_crore", default: base.sebiPerCrore),
                              gstPercent: try percent(config, "risk_gate.charges.gst_pct", base.gstPercent))
    }

    static func rates(_ config: AppConfig, _ prefix: String, _ base: ChargeRates) throws -> ChargeRates {
        let brokerage = config.string(prefix + ".brokerage_pct", default: "")
        return ChargeRates(
            brokerageCap: try config.paise(prefix + ".brokerage_per_order", default: base.brokerageCap),
            brokeragePercent: brokerage == "flat" ? nil
                : brokerage.isEmpty ? base.brokeragePercent : try percent(config, prefix + ".brokerage_pct", 0),
            sttSellPercent: try percent(config, prefix + ".stt_sell_pct", base.sttSellPercent),
            exchangePercent: try percent(config, prefix + ".exchange_pct", base.exchangePercent),
            stampBuyPercent: try percent(config, prefix + ".stamp_buy_pct", base.stampBuyPercent))
    }

    static func percent(_ config: AppConfig, _ key: String, _ fallback: Decimal) throws -> Decimal {
        let text = config.string(key, default: "")
        guard !text.isEmpty else { return fallback }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), value >= 0, value < 100 else {
            throw ConfigError.invalidValue(key: key, expected: "a percentage like 0.05")
        }
        return value
    }
}
