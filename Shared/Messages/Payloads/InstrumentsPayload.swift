/// `md.instruments`: the instruments table and the day's universe were refreshed.
public struct InstrumentsPayload: Codable, Sendable, Hashable {
    /// Rows written to `instruments`.
    public var count: Int
    /// The universe's symbols plus the symbols this marketdata publishes.
    public var symbols: [String]
    /// `yyyy-MM-dd` (IST) the universe was built for.
    public var day: String?
    /// What an order on each underlying needs: lot, tick, freeze quantity, expiries.
    public var universe: [UniverseEntryPayload]
    /// Left out because they are on the F&O ban list.
    public var banned: [String]
    /// Left out because the dump has no live future or option on them.
    public var unavailable: [String]

    public init(count: Int, symbols: [String], day: String? = nil, universe: [UniverseEntryPayload] = [],
                banned: [String] = [], unavailable: [String] = []) {
        self.count = count
        self.symbols = symbols
        self.day = day
        self.universe = universe
        self.banned = banned
        self.unavailable = unavailable
    }
}
