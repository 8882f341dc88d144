/// The market for one symbol at one instant: last price and, when known, best bid/ask.
public struct Quote: Hashable, Sendable {
    public var last: Paise
    public var bid: Paise?
    public var ask: Paise?

    public init(last: Paise, bid: Paise? = nil, ask: Paise? = nil) {
        self.last = last
        self.bid = bid.flatMap { $0 > .zero ? $0 : nil }
        self.ask = ask.flatMap { $0 > .zero ? $0 : nil }
    }

    /// The price a market order on `side` meets: the ask for a buy, the bid for a sell,
    /// the last price when that side of the book is unknown.
    public func touch(for side: Side) -> Paise {
        (side == .buy ? ask : bid) ?? last
    }

    /// Ask − bid, zero when either is unknown or the book is crossed.
    public var spread: Paise {
        guard let bid, let ask, ask > bid else { return .zero }
        return ask - bid
    }
}
