import Foundation

/// One option contract of a signal's structure: bought or sold, with the quote it was chosen on.
public struct SignalLeg: Hashable, Sendable, Codable {
    public var kind: OptionKind
    public var strike: Paise
    /// 15:30 IST of the expiry day.
    public var expiry: Date
    public var side: Side
    /// The mid price the leg was valued at, per unit.
    public var premium: Paise
    public var delta: Double
    public var impliedVolatility: Double

    public init(kind: OptionKind, strike: Paise, expiry: Date, side: Side, premium: Paise, delta: Double,
                impliedVolatility: Double) {
        self.kind = kind
        self.strike = strike
        self.expiry = expiry
        self.side = side
        self.premium = premium
        self.delta = delta
        self.impliedVolatility = impliedVolatility
    }

    /// `BUY NIFTY 2025-09-09 24600 CE` style description.
    public func describe(underlying: String) -> String {
        "\(side.rawValue) \(underlying) \(IST.dayString(expiry)) \(strike.rupeeString) \(kind == .call ? "CE" : "PE")"
    }
}
