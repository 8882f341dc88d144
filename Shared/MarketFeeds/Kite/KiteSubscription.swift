import Foundation
import TradingCore

/// What the ticker subscribes to, and the two text messages that say so (Kite Connect v3
/// WebSocket): `{"a":"subscribe","v":[tokens]}` then `{"a":"mode","v":["full",[tokens]]}`.
/// They are sent on every new connection, since Kite forgets subscriptions on disconnect.
public struct KiteSubscription: Sendable, Hashable {
    public var tokens: [UInt32]
    /// `full` (depth, exchange timestamp), `quote` or `ltp`.
    public var mode: KiteTick.Mode

    public init(tokens: [UInt32], mode: KiteTick.Mode) {
        self.tokens = tokens
        self.mode = mode
    }

    public var subscribeMessage: String {
        #"{"a":"subscribe","v":["# + tokenList + "]}"
    }

    public var modeMessage: String {
        #"{"a":"mode","v":[""# + mode.rawValue + #"",["# + tokenList + "]]}"
    }

    private var tokenList: String { tokens.map(String.init).joined(separator: ",") }
}
