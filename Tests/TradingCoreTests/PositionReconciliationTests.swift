import Foundation
import Testing
import TradingCore

/// Postgres's open LIVE positions against Kite's net positions (`positions.json`).
@Suite("PositionReconciliation")
struct PositionReconciliationTests {
    private func kitePositions(_ replacing: [(String, String)] = []) throws -> [KitePosition] {
        var text = try String(contentsOfFile: sharedDataPath("kite/positions.json"), encoding: .utf8)
        for (from, to) in replacing { text = text.replacingOccurrences(of: from, with: to) }
        return try KiteResponse.decode(KitePositions.self, httpStatus: 200, body: Data(text.utf8)).net
    }

    @Test("positions of another exchange or product (the fixture's MCX NRML, NSE CO) are not ours to judge")
    func otherProductsIgnored() throws {
        let net = try kitePositions()
        #expect(PositionReconciliation.discrepancies(ours: [:], broker: net, exchange: "NFO", product: "MIS").isEmpty)
        // Judged as MCX / NRML, the fixture's LEADMINI long of 1 is unknown to us.
        #expect(PositionReconciliation.discrepancies(ours: [:], broker: net, exchange: "MCX", product: "NRML")
            == [PositionDiscrepancy(symbol: "LEADMINI17DECFUT", ourQuantity: 0, brokerQuantity: 1)])
    }

    @Test("missing at the broker, unknown to us, quantity differs, and equal quantities pass")
    func kinds() throws {
        let net = try kitePositions([("\"MCX\"", "\"NFO\""), ("\"NRML\"", "\"MIS\"")])   // LEADMINI +1, GOLDGUINEA 0
        let ours = PositionReconciliation.netQuantities([("NIFTY", .buy, 75), ("BANKNIFTY", .sell, 30), ("BANKNIFTY", .buy, 15),
                                                          ("GOLDGUINEA17DECFUT", .buy, 0)])
        #expect(ours == ["NIFTY": 75, "BANKNIFTY": -15, "GOLDGUINEA17DECFUT": 0])
        let found = PositionReconciliation.discrepancies(ours: ours, broker: net, exchange: "NFO", product: "MIS")
        #expect(found.map(\.symbol) == ["BANKNIFTY", "LEADMINI17DECFUT", "NIFTY"])
        #expect(found.map(\.kind) == ["missing_at_broker", "unknown_to_us", "missing_at_broker"])
        #expect(found[0].ourQuantity == -15)
        let matching = PositionReconciliation.discrepancies(ours: ["LEADMINI17DECFUT": 1], broker: net, exchange: "NFO", product: "MIS")
        #expect(matching.isEmpty)
        #expect(PositionReconciliation.discrepancies(ours: ["LEADMINI17DECFUT": 2], broker: net, exchange: "NFO", product: "MIS")
            .map(\.kind) == ["quantity_differs"])
    }
}
