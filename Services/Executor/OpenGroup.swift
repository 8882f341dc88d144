import Foundation
import PostgresStore
import TradingCore

/// An OCO group the executor is managing: the core's state machine plus the rows it
/// drives (the position and its working child orders).
struct OpenGroup: Sendable {
    var oco: OcoGroup
    var position: PositionRecord
    var planId: String
    /// Working children by leg.
    var children: [OcoLeg: OrderRecord]
}
