/// The exit rules of every trade, from `executor.exits.*` in the configuration.
public struct ExitPolicy: Hashable, Sendable, Codable {
    /// The ATR trail sits this many ATRs behind the best price (1.2); 0 turns it off.
    public var trailingAtrMultiple: Double
    /// TP1 at this many R from the entry (1.2), closing `target1Fraction` (0.5); then the stop goes to breakeven.
    public var target1R: Double
    public var target1Fraction: Double
    /// TP2 at this many R (2.0).
    public var target2R: Double
    /// No new best price for this long closes the trade (20); 0 turns it off.
    public var timeStopMinutes: Int
    /// ATR at or above this multiple of the ATR at entry closes the trade (2.0); 0 turns it off.
    public var volatilityStopMultiple: Double
    /// An adverse excursion of this share of `capital` closes the trade (0.015); 0 turns it off.
    public var maeCapitalFraction: Double
    public var capital: Paise
    /// IST minute of the day of the intraday square-off (15:25 → 925).
    public var squareOffMinuteIST: Int

    public init(trailingAtrMultiple: Double = 1.2, target1R: Double = 1.2, target1Fraction: Double = 0.5,
                target2R: Double = 2.0, timeStopMinutes: Int = 20, volatilityStopMultiple: Double = 2.0,
                maeCapitalFraction: Double = 0.015, capital: Paise = Paise(10_000_000_00), squareOffMinuteIST: Int = 15 * 60 + 25) {
        self.trailingAtrMultiple = trailingAtrMultiple
        self.target1R = target1R
        self.target1Fraction = target1Fraction
        self.target2R = target2R
        self.timeStopMinutes = timeStopMinutes
        self.volatilityStopMultiple = volatilityStopMultiple
        self.maeCapitalFraction = maeCapitalFraction
        self.capital = capital
        self.squareOffMinuteIST = squareOffMinuteIST
    }

    /// TP1 and TP2 for an entry and its stop: R = |entry − stop|, on the tick grid.
    public func targets(side: Side, entry: Paise, stop: Paise, tickSize: Paise) -> (target1: Paise, target2: Paise) {
        let risk = Double((entry - stop).magnitude.value)
        func level(_ r: Double) -> Paise {
            Paise(entry.value + side.sign * Int64((risk * r).rounded())).rounded(toTick: tickSize)
        }
        return (level(target1R), level(target2R))
    }

    /// The OCO plan for an entry: TP1/TP2 at the configured R multiples.
    public func plan(side: Side, quantity: Int, lotSize: Int, entry: Paise, stop: Paise, tickSize: Paise) -> OcoPlan {
        let (tp1, tp2) = targets(side: side, entry: entry, stop: stop, tickSize: tickSize)
        return OcoPlan(side: side, quantity: quantity, lotSize: lotSize, stop: stop, target1: tp1, target2: tp2,
                       target1Fraction: target1Fraction)
    }
}
