import Foundation
import PostgresStore
import TradingCore

/// An OCO group the executor is managing: the core's state machine and exit tracker,
/// plus the rows they drive.
struct LiveGroup: Sendable {
    var id: UUID
    var oco: OcoGroup
    var planId: String
    var decisionId: UUID
    var trace: String
    var mode: TradingMode
    var symbol: String
    /// The position row, once the entry has filled.
    var position: PositionRecord?
    var tracker: ExitTracker?
    /// Working orders by leg (an entry or exit split at the freeze quantity has several).
    var orders: [OcoLeg: [OrderRecord]] = [:]
    /// How many orders of each leg were ever created (for the next client order id).
    var generations: [OcoLeg: Int] = [:]
    /// Fees of every fill so far.
    var fees: Paise = .zero
    var firstEntryFillId: UUID?
    var lastExitFillId: UUID?
    /// Stop orders of the current stop that failed in a row (rejected, cancelled by the broker).
    var stopFailures = 0
    /// Exit orders refused so far (the machine asks again after each).
    var exitFailures = 0

    func leg(of orderId: UUID) -> OcoLeg? {
        orders.first { $0.value.contains { $0.id == orderId } }?.key
    }
}
