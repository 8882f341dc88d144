/// The levels and sizing rules of one OCO group, fixed when the decision is executed.
public struct OcoPlan: Hashable, Sendable, Codable {
    public var side: Side
    /// Units ordered by the entry.
    public var quantity: Int
    /// Children are sized in whole lots.
    public var lotSize: Int
    public var stop: Paise
    /// TP1.
    public var target1: Paise
    /// TP2; without it TP1 closes the whole position.
    public var target2: Paise?
    /// The share of the filled quantity TP1 closes when there is a TP2 (0.5).
    public var target1Fraction: Double

    public init(side: Side, quantity: Int, lotSize: Int = 1, stop: Paise, target1: Paise, target2: Paise? = nil,
                target1Fraction: Double = 0.5) {
        self.side = side
        self.quantity = quantity
        self.lotSize = max(1, lotSize)
        self.stop = stop
        self.target1 = target1
        self.target2 = target2
        self.target1Fraction = target1Fraction
    }

    /// How many of `filled` units TP1 is for: whole lots, at least one lot when two
    /// lots or more are filled, and all of them without a TP2 or with a single lot.
    public func target1Quantity(filled: Int) -> Int {
        guard target2 != nil else { return filled }
        let lots = filled / lotSize
        guard lots >= 2 else { return filled }
        let tp1Lots = min(lots - 1, max(1, Int((Double(lots) * target1Fraction).rounded(.down))))
        return tp1Lots * lotSize
    }

    /// True when `price` is beyond `current` in the position's favour (a stop may only move that way).
    public func isInFavour(_ price: Paise, comparedWith current: Paise) -> Bool {
        side == .buy ? price > current : price < current
    }
}
