import Foundation
import Testing
import TradingCore

/// `risk_gate.charges.*` → `ChargeSchedule`: the keys risk-gate, the executor and the backtest read.
@Suite("ChargeSchedule from configuration")
struct ChargeScheduleConfigTests {
    @Test("no keys: the 2026 NSE defaults")
    func defaults() throws {
        #expect(try ChargeSchedule(section: [:]) == .nseDiscount2026)
    }

    @Test("each key overrides its rate; `flat` brokerage charges the cap")
    func overrides() throws {
        let schedule = try ChargeSchedule(section: ["futures.brokerage_pct": "flat", "futures.brokerage_per_order": "15.50",
                                                    "options.stt_sell_pct": "0.1", "gst_pct": "12", "sebi_per_crore": "0"])
        #expect(schedule.futures.brokeragePercent == nil && schedule.futures.brokerageCap == Paise(1_550))
        #expect(schedule.options.sttSellPercent == Decimal(string: "0.1")!)
        #expect(schedule.futures.sttSellPercent == Decimal(string: "0.05")!)
        // ₹50,000 futures buy: flat ₹15.50, exchange ₹0.915 → ₹0.92, no SEBI, GST 12 % of ₹16.42 = ₹1.9704 → ₹1.97.
        let buy = schedule.order(.future, side: .buy, price: Paise(5_000_000), quantity: 1)
        #expect(buy.brokerage == Paise(1_550) && buy.exchange == Paise(92) && buy.sebi == .zero && buy.gst == Paise(197))
    }

    @Test("a bad value names its full key", arguments: [
        ("futures.stt_sell_pct", "-0.05"), ("options.exchange_pct", "abc"), ("gst_pct", "100"), ("sebi_per_crore", "1.234"),
        ("futures.brokerage_per_order", "-20"),
    ])
    func badValue(key: String, value: String) {
        #expect {
            try ChargeSchedule(section: [key: value])
        } throws: { error in
            (error as? StrategyConfigError)?.key == "risk_gate.charges.\(key)" && "\(error)".contains(value)
        }
    }

    @Test("configValues is the inverse of init(section:)")
    func roundTrip() throws {
        let custom = try ChargeSchedule(section: ["futures.exchange_pct": "0.002", "options.brokerage_per_order": "10"])
        let prefix = ChargeSchedule.configSection + "."
        let section = Dictionary(uniqueKeysWithValues: custom.configValues.map { (String($0.key.dropFirst(prefix.count)), $0.value) })
        #expect(try ChargeSchedule(section: section) == custom)
        #expect(custom.configValues[prefix + "options.brokerage_pct"] == "flat")
    }

    @Test("contract kind from an NSE trading symbol")
    func contractKind() {
        #expect(ContractKind(tradingSymbol: "NIFTY25DEC24000CE") == .option)
        #expect(ContractKind(tradingSymbol: "BANKNIFTY2612350000PE") == .option)
        #expect(ContractKind(tradingSymbol: "NIFTY25DECFUT") == .future)
        #expect(ContractKind(tradingSymbol: "NIFTY") == .future)
        #expect(ContractKind(tradingSymbol: "RELIANCE") == .future)   // ends in CE without a strike digit
        #expect(ContractKind(tradingSymbol: "PE") == .future)
    }
}
