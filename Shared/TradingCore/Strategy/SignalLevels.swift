/// Price arithmetic shared by the strategies: levels on the tick grid and targets at multiples
/// of the risk, on the right side of the entry.
public enum SignalLevels {
    /// `entry ± multiple × |entry − stop|` in the direction of `side`, on the tick grid.
    public static func target(side: Side, entry: Paise, stop: Paise, multiple: Double, tick: Paise) -> Paise {
        let distance = Paise(rupees: (entry - stop).magnitude.rupees * multiple).rounded(toTick: tick)
        return side == .buy ? entry + distance : entry - distance
    }

    /// `entry ± rupees` in the direction of `side`, on the tick grid.
    public static func offset(side: Side, from entry: Paise, rupees: Double, tick: Paise) -> Paise {
        let distance = Paise(rupees: rupees).rounded(toTick: tick)
        return side == .buy ? entry + distance : entry - distance
    }

    /// A price from rupees on the tick grid.
    public static func price(rupees: Double, tick: Paise) -> Paise {
        Paise(rupees: rupees).rounded(toTick: tick)
    }

    /// True when stop, entry and targets are positive and ordered for `side`.
    public static func isCoherent(side: Side, entry: Paise, stop: Paise, target: Paise, target2: Paise?) -> Bool {
        guard entry > .zero, stop > .zero, target > .zero, target2.map({ $0 > .zero }) ?? true else { return false }
        switch side {
        case .buy: return stop < entry && target > entry && (target2.map { $0 >= target } ?? true)
        case .sell: return stop > entry && target < entry && (target2.map { $0 <= target } ?? true)
        }
    }

    /// `"₹24,600.00"`-free plain rupees for rationales.
    public static func rupees(_ price: Paise) -> String { price.rupeeString }
}
