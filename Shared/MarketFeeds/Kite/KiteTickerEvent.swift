import Foundation
import TradingCore

/// What the ticker client reports to its owner, in order.
public enum KiteTickerEvent: Sendable, Hashable {
    /// A connection is up and the subscribe and mode messages were sent (`attempt` counts from 1).
    case connected(attempt: Int)
    /// One binary message that was not a heartbeat, decoded (its skipped packets already counted).
    case frame(KiteTickerFrame, receivedAt: Date)
    /// Kite's 1-byte keep-alive.
    case heartbeat
    /// A text message (order postback, error, message); only its `type` is kept.
    case text(type: String)
    /// No tick for the watchdog's window while the market is open; the connection is being closed.
    case silent(seconds: Int, consecutive: Int, report: Bool)
    /// The connection ended (or could not be made); the next attempt follows after `retryInMilliseconds`.
    case disconnected(reason: String, retryInMilliseconds: Int)
}
