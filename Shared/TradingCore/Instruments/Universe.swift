/// The instruments a session trades on the IST day `today`, as built by `UniverseBuilder`,
/// with the configured symbols that were left out and why.
public struct Universe: Hashable, Sendable, Codable {
    /// `yyyy-MM-dd` (IST).
    public var today: String
    /// Indices first (NIFTY, BANKNIFTY, FINNIFTY, MIDCPNIFTY), then stocks in configured order.
    public var entries: [UniverseEntry]
    /// Symbols left out because they are on the F&O ban list, in the order they were considered.
    public var banned: [String]
    /// Symbols left out because the dump has no future or option on them that has not expired.
    public var unavailable: [String]

    public init(today: String, entries: [UniverseEntry], banned: [String], unavailable: [String]) {
        self.today = today
        self.entries = entries
        self.banned = banned
        self.unavailable = unavailable
    }

    public var symbols: [String] { entries.map(\.symbol) }

    public func entry(_ symbol: String) -> UniverseEntry? {
        entries.first { $0.symbol == symbol }
    }
}
