import Foundation

/// One row of the event calendar: an instant, a kind, the underlying it concerns (nil for all)
/// and a description.
public struct MarketEvent: Hashable, Sendable, Codable {
    public var at: Date
    public var kind: MarketEventKind
    /// nil: the whole market (RBI policy, CPI); else one symbol (results).
    public var underlying: String?
    public var title: String

    public init(at: Date, kind: MarketEventKind, underlying: String?, title: String) {
        self.at = at
        self.kind = kind
        self.underlying = underlying
        self.title = title
    }

    public func concerns(_ symbol: String) -> Bool { underlying == nil || underlying == symbol }
}
