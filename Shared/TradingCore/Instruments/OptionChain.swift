/// The strikes around the money of one underlying's nearest expiry, as built by
/// `UniverseBuilder.optionChain(underlying:spot:strikesAroundATM:today:)`.
public struct OptionChain: Hashable, Sendable, Codable {
    public var underlying: String
    /// `yyyy-MM-dd` (IST): the nearest expiry that has not passed.
    public var expiry: String
    /// The spot price the at-the-money strike was chosen from.
    public var spot: Paise
    /// The strike nearest `spot` among those with both a call and a put (the lower one on a
    /// tie); nil when the expiry has no such strike.
    public var atmStrike: Paise?
    /// Ascending by strike: up to N strikes below the ATM strike, the ATM strike, up to N above.
    public var rows: [OptionChainRow]

    public init(underlying: String, expiry: String, spot: Paise, atmStrike: Paise?, rows: [OptionChainRow]) {
        self.underlying = underlying
        self.expiry = expiry
        self.spot = spot
        self.atmStrike = atmStrike
        self.rows = rows
    }

    public var strikes: [Paise] { rows.map(\.strike) }
}
