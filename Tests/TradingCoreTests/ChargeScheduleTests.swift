import Foundation
import Testing
import TradingCore

/// Worked round trips on the 2026 NSE schedule (see ChargeSchedule for the sources). Each
/// component is computed by hand below and rounded to the nearest paisa.
@Suite("ChargeSchedule")
struct ChargeScheduleTests {
    let schedule = ChargeSchedule.nseDiscount2026

    @Test("futures: buy 75 NIFTY FUT at ₹24,500, sell at ₹24,600")
    func futuresRoundTrip() {
        // Buy turnover ₹18,37,500: brokerage min(0.03 % = ₹551.25, ₹20) = ₹20; exchange 0.00183 % = ₹33.62625 → ₹33.63;
        // SEBI ₹10/crore = ₹1.8375 → ₹1.84; stamp 0.002 % = ₹36.75; GST 18 % × ₹55.47 = ₹9.9846 → ₹9.98.
        let buy = schedule.order(.future, side: .buy, price: Paise(2_450_000), quantity: 75)
        #expect(buy == ChargeBreakdown(brokerage: Paise(2_000), exchange: Paise(3_363), sebi: Paise(184), stamp: Paise(3_675), gst: Paise(998)))
        #expect(buy.total == Paise(10_220))
        // Sell turnover ₹18,45,000: brokerage ₹20; exchange ₹33.7635 → ₹33.76; SEBI ₹1.845 → ₹1.85;
        // STT 0.05 % = ₹922.50; GST 18 % × ₹55.61 = ₹10.0098 → ₹10.01.
        let sell = schedule.order(.future, side: .sell, price: Paise(2_460_000), quantity: 75)
        #expect(sell == ChargeBreakdown(brokerage: Paise(2_000), stt: Paise(92_250), exchange: Paise(3_376), sebi: Paise(185), gst: Paise(1_001)))
        let trip = schedule.roundTrip(.future, entrySide: .buy, entry: Paise(2_450_000), exit: Paise(2_460_000), quantity: 75)
        #expect(trip.total == Paise(109_032))                           // ₹1,090.32
        let gross = Paise(10_000) * 75                                  // ₹100 × 75 = ₹7,500
        #expect(gross - trip.total == Paise(640_968))                   // net ₹6,409.68
    }

    @Test("options: buy 75 NIFTY CE at ₹120, sell at ₹150 (charges on premium)")
    func optionsRoundTrip() {
        // Buy premium ₹9,000: flat ₹20; exchange 0.03553 % = ₹3.1977 → ₹3.20; SEBI ₹0.009 → ₹0.01;
        // stamp 0.003 % = ₹0.27; GST 18 % × ₹23.21 = ₹4.1778 → ₹4.18.
        let buy = schedule.order(.option, side: .buy, price: Paise(12_000), quantity: 75)
        #expect(buy == ChargeBreakdown(brokerage: Paise(2_000), exchange: Paise(320), sebi: Paise(1), stamp: Paise(27), gst: Paise(418)))
        // Sell premium ₹11,250: ₹20; exchange ₹3.997125 → ₹4.00; SEBI ₹0.01125 → ₹0.01;
        // STT 0.15 % = ₹16.875 → ₹16.88; GST 18 % × ₹24.01 = ₹4.3218 → ₹4.32.
        let sell = schedule.order(.option, side: .sell, price: Paise(15_000), quantity: 75)
        #expect(sell == ChargeBreakdown(brokerage: Paise(2_000), stt: Paise(1_688), exchange: Paise(400), sebi: Paise(1), gst: Paise(432)))
        let trip = schedule.roundTrip(.option, entrySide: .buy, entry: Paise(12_000), exit: Paise(15_000), quantity: 75)
        #expect(trip.total == Paise(7_287))                             // ₹72.87
        #expect(Paise(3_000) * 75 - trip.total == Paise(217_713))       // net ₹2,177.13
    }

    @Test("a short round trip pays STT on the entry (the sell) and stamp duty on the exit (the buy)")
    func shortRoundTrip() {
        let trip = schedule.roundTrip(.future, entrySide: .sell, entry: Paise(2_460_000), exit: Paise(2_450_000), quantity: 75)
        let expected = schedule.order(.future, side: .sell, price: Paise(2_460_000), quantity: 75)
            + schedule.order(.future, side: .buy, price: Paise(2_450_000), quantity: 75)
        #expect(trip == expected)
        #expect(trip.stt == Paise(92_250) && trip.stamp == Paise(3_675))
    }

    @Test("futures brokerage is 0.03 % below the ₹20 cap; options brokerage is flat")
    func brokerageCap() {
        // ₹50,000 turnover → 0.03 % = ₹15 < ₹20
        #expect(schedule.order(.future, side: .buy, price: Paise(5_000_000), quantity: 1).brokerage == Paise(1_500))
        // ₹1,00,000 → 0.03 % = ₹30, capped at ₹20
        #expect(schedule.order(.future, side: .buy, price: Paise(10_000_000), quantity: 1).brokerage == Paise(2_000))
        #expect(schedule.order(.option, side: .buy, price: Paise(100), quantity: 1).brokerage == Paise(2_000))
        #expect(schedule.order(.future, side: .buy, price: Paise(100), quantity: 0) == .zero)
    }

    @Test("contract kinds from Kite instrument types")
    func kinds() {
        #expect(ContractKind(instrumentType: "CE") == .option)
        #expect(ContractKind(instrumentType: "pe") == .option)
        #expect(ContractKind(instrumentType: "FUT") == .future)
        #expect(ContractKind(instrumentType: "INDEX") == .future)
    }
}
