import Foundation
import TradingCore

/// One option contract of a `signal.created` structure.
public struct SignalLegPayload: Codable, Sendable, Hashable {
    /// `CE` or `PE`.
    public var kind: String
    public var strikePaise: Int64
    /// `yyyy-MM-dd` (IST); expires 15:30 IST.
    public var expiry: String
    /// `BUY` or `SELL`.
    public var side: String
    public var premiumPaise: Int64
    public var delta: Double
    public var iv: Double

    public init(_ leg: SignalLeg) {
        kind = leg.kind == .call ? "CE" : "PE"
        strikePaise = leg.strike.value
        expiry = IST.dayString(leg.expiry)
        side = leg.side.rawValue
        premiumPaise = leg.premium.value
        delta = leg.delta
        iv = leg.impliedVolatility
    }
}
