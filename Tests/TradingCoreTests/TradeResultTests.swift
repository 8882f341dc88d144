import Foundation
import Testing
import TradingCore

@Suite("TradeResult")
struct TradeResultTests {
    @Test("long round trip: gross = (exit − entry) × qty, net = gross − fees")
    func longWinner() {
        // (24754.05 − 24734.05) × 75 = 20.00 × 75 = ₹1,500.00; fees ₹45.50 → net ₹1,454.50
        let result = TradeResult.roundTrip(side: .buy, quantity: 75, entry: Paise(2_473_405), exit: Paise(2_475_405),
                                           fees: Paise(4_550))
        #expect(result.grossPnl == Paise(150_000))
        #expect(result.fees == Paise(4_550))
        #expect(result.netPnl == Paise(145_450))
    }

    @Test("long loser")
    func longLoser() {
        // (24714.05 − 24734.05) × 150 = −20 × 150 = −₹3,000; fees ₹60 → net −₹3,060
        let result = TradeResult.roundTrip(side: .buy, quantity: 150, entry: Paise(2_473_405), exit: Paise(2_471_405),
                                           fees: Paise(6_000))
        #expect(result.grossPnl == Paise(-300_000))
        #expect(result.netPnl == Paise(-306_000))
    }

    @Test("short round trip is the reverse")
    func short() {
        // short 75: (24734.05 − 24754.05) × 75 = −₹1,500; fees ₹45.50 → net −₹1,545.50
        let loser = TradeResult.roundTrip(side: .sell, quantity: 75, entry: Paise(2_473_405), exit: Paise(2_475_405),
                                          fees: Paise(4_550))
        #expect(loser.grossPnl == Paise(-150_000))
        #expect(loser.netPnl == Paise(-154_550))
        // short 25 covered lower: (24734.05 − 24694.05) × 25 = 40 × 25 = ₹1,000; fees ₹20.05 → ₹979.95
        let winner = TradeResult.roundTrip(side: .sell, quantity: 25, entry: Paise(2_473_405), exit: Paise(2_469_405),
                                           fees: Paise(2_005))
        #expect(winner.grossPnl == Paise(100_000))
        #expect(winner.netPnl == Paise(97_995))
    }

    @Test("a scratch trade loses exactly its fees")
    func scratch() {
        let result = TradeResult.roundTrip(side: .buy, quantity: 75, entry: Paise(2_473_405), exit: Paise(2_473_405),
                                           fees: Paise(3_333))
        #expect(result.grossPnl == .zero)
        #expect(result.netPnl == Paise(-3_333))
    }

    @Test("JSON carries integer paise")
    func json() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(TradeResult(grossPnl: Paise(150_000), fees: Paise(4_550)))
        #expect(String(decoding: data, as: UTF8.self) == #"{"fees":4550,"grossPnl":150000}"#)
        #expect(try JSONDecoder().decode(TradeResult.self, from: data).netPnl == Paise(145_450))
    }
}
