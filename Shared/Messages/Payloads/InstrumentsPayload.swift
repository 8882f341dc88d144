/// `md.instruments`: the instruments table was refreshed.
public struct InstrumentsPayload: Codable, Sendable, Hashable {
    public var count: Int
    public var symbols: [String]

    public init(count: Int, symbols: [String]) {
        self.count = count
        self.symbols = symbols
    }
}
