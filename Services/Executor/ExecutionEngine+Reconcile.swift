import Foundation
import Logging
import PostgresStore
import ServiceKit
import TradingCore

extension ExecutionEngine {
    /// Every `executor.kite.reconcile_positions_ms` (and on the first LIVE poll after start,
    /// right after the order book's fills were booked): Postgres's open LIVE positions
    /// against Kite's net positions of the exchange and product the executor trades. A
    /// difference is not traded away — which side is right needs a person — but raised as a
    /// CRITICAL `position_mismatch` risk event with an audit row, once per distinct difference.
    func reconcileLivePositionsIfDue() async {
        guard let live, settings.reconcilePositionsMilliseconds > 0 else { return }
        let now = context.clock.now()
        if let last = positionsCheckedAt, now.timeIntervalSince(last) * 1000 < Double(settings.reconcilePositionsMilliseconds) { return }
        positionsCheckedAt = now
        do {
            let broker = try await live.client.positions()
            let open = try await context.database.withConnection { db in try PositionRepository.open(on: db) }
            let ours = PositionReconciliation.netQuantities(open.filter { $0.mode == .live }.map { ($0.symbol, $0.side, $0.openQuantity) })
            let differences = PositionReconciliation.discrepancies(ours: ours, broker: broker.net, exchange: live.config.exchange,
                                                                   product: live.config.product)
            for difference in differences where !reportedDiscrepancies.contains(difference) {
                await audit("executor.reconcile.position_mismatch",
                            detail: ["symbol": difference.symbol, "ours": String(difference.ourQuantity),
                                     "broker": String(difference.brokerQuantity), "kind": difference.kind],
                            result: "reported")
                await raiseRisk(kind: "position_mismatch", severity: "CRITICAL",
                                message: "\(difference.symbol): Postgres holds \(difference.ourQuantity), Kite holds \(difference.brokerQuantity) (\(difference.kind))",
                                trace: nil)
            }
            reportedDiscrepancies = Set(differences)
        } catch {
            logger.warning("kite positions not reconciled", metadata: ["error": "\(error)"])
        }
    }
}
