import Foundation
import Logging
import TradingCore

extension ExecutionEngine {
    /// `control.close` (control-api's `POST /positions/{id}/close`): one position's machine
    /// exits — children cancelled, the open quantity closed at market (reason `FLATTEN`).
    /// Postgres is adopted first, so a position this process does not hold yet is found.
    /// Unknown or already closed: nothing to do (the request was checked in control-api).
    func closeOne(positionId: UUID, trace: String) async {
        do {
            try await serialized { engine in
                try await engine.performRestore()
                guard let groupId = engine.groups.first(where: { $0.value.position?.id == positionId })?.key else {
                    engine.logger.warning("close requested for a position not open here", metadata: [
                        "trace": "\(trace)", "position.id": "\(positionId)"])
                    return
                }
                engine.logger.notice("close requested", metadata: ["trace": "\(trace)", "position.id": "\(positionId)"])
                try await engine.handle(.exit(.flatten), groupId: groupId)
                try await engine.fillStaleMarketOrders(force: true)
            }
        } catch {
            logger.error("close of a position failed", metadata: ["trace": "\(trace)", "position.id": "\(positionId)",
                                                                   "error": "\(error)"])
        }
    }
}
