import Foundation
import Messages
import PostgresStore
import ServiceKit
import TradingCore

/// Writes the risk snapshot to Postgres (`risk_snapshots`), Redis (`risk:snapshot`, read by
/// control-api) and publishes it on `risk` as `risk.snapshot`.
struct SnapshotWriter: Sendable {
    let context: ServiceKitContext

    func write(_ snapshot: RiskSnapshot, mode: TradingMode, trace: String) async {
        do {
            let json = String(decoding: try MessageCoding.makeEncoder().encode(snapshot), as: UTF8.self)
            try await context.database.withConnection { db in
                try RiskSnapshotRepository.insert(tradingDay: snapshot.tradingDay, json: json, on: db)
            }
            try await context.redis.set(Channel.Key.riskSnapshot, json)
            await context.bus.publish(.riskSnapshot, on: Channel.risk, trace: trace, mode: mode, payload: snapshot)
        } catch {
            context.logger.error("risk snapshot not written", metadata: ["trace": "\(trace)", "error": "\(error)"])
        }
    }
}
