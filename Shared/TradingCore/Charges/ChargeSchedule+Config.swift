import Foundation

extension ChargeSchedule {
    /// The configuration section the risk-gate, the executor and the backtest all read.
    public static let configSection = "risk_gate.charges"

    /// Builds the schedule from the `risk_gate.charges` section (keys without that prefix,
    /// e.g. `futures.stt_sell_pct`); each missing key keeps `base`'s value. Percentages are
    /// decimals from 0 to 100 (`brokerage_pct: flat` charges the cap per order); rupee amounts
    /// have at most two decimals. An invalid value names its full key.
    public init(section values: [String: String], base: ChargeSchedule = .nseDiscount2026) throws {
        func text(_ key: String) -> String? {
            guard let raw = values[key]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        func percent(_ key: String, _ fallback: Decimal) throws -> Decimal {
            guard let raw = text(key) else { return fallback }
            guard let value = Decimal(string: raw, locale: Locale(identifier: "en_US_POSIX")), value >= 0, value < 100,
                  raw.allSatisfy({ $0.isNumber || $0 == "." }) else {
                throw StrategyConfigError(key: "\(Self.configSection).\(key)", expected: "a percentage from 0 to 100 like 0.05, got '\(raw)'")
            }
            return value
        }
        func rupees(_ key: String, _ fallback: Paise) throws -> Paise {
            guard let raw = text(key) else { return fallback }
            guard let value = Paise(rupeeString: raw), value >= .zero else {
                throw StrategyConfigError(key: "\(Self.configSection).\(key)", expected: "a rupee amount like 20.00, got '\(raw)'")
            }
            return value
        }
        func rates(_ kind: String, _ fallback: ChargeRates) throws -> ChargeRates {
            let brokerage = text(kind + ".brokerage_pct")
            return ChargeRates(
                brokerageCap: try rupees(kind + ".brokerage_per_order", fallback.brokerageCap),
                brokeragePercent: brokerage == "flat" ? nil
                    : brokerage == nil ? fallback.brokeragePercent : try percent(kind + ".brokerage_pct", 0),
                sttSellPercent: try percent(kind + ".stt_sell_pct", fallback.sttSellPercent),
                exchangePercent: try percent(kind + ".exchange_pct", fallback.exchangePercent),
                stampBuyPercent: try percent(kind + ".stamp_buy_pct", fallback.stampBuyPercent))
        }
        self.init(futures: try rates("futures", base.futures), options: try rates("options", base.options),
                  sebiPerCrore: try rupees("sebi_per_crore", base.sebiPerCrore),
                  gstPercent: try percent("gst_pct", base.gstPercent))
    }

    /// The schedule as flattened `risk_gate.charges.*` keys: the inverse of `init(section:)`,
    /// for effective-config records.
    public var configValues: [String: String] {
        var values = ["\(Self.configSection).sebi_per_crore": sebiPerCrore.rupeeString,
                      "\(Self.configSection).gst_pct": "\(gstPercent)"]
        for (kind, rates) in [("futures", futures), ("options", options)] {
            let prefix = "\(Self.configSection).\(kind)."
            values[prefix + "brokerage_per_order"] = rates.brokerageCap.rupeeString
            values[prefix + "brokerage_pct"] = rates.brokeragePercent.map { "\($0)" } ?? "flat"
            values[prefix + "stt_sell_pct"] = "\(rates.sttSellPercent)"
            values[prefix + "exchange_pct"] = "\(rates.exchangePercent)"
            values[prefix + "stamp_buy_pct"] = "\(rates.stampBuyPercent)"
        }
        return values
    }
}
