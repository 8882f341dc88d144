import Foundation

/// The price-driven exit rules of one open trade (hard stop, TP1 and TP2 are orders the
/// OCO group keeps at the broker; this decides the rest): the ATR trail, the time stop,
/// the volatility stop, the MAE stop and the end-of-day square-off. It also keeps the
/// trade's maximum adverse and favourable excursions. Pure: prices, ATR and time come in.
public struct ExitTracker: Hashable, Sendable {
    public let policy: ExitPolicy
    public let side: Side
    public let entry: Paise
    public let quantity: Int
    /// ATR in rupees when the trade opened (the volatility stop's reference).
    public let entryAtr: Double?
    public let openedAt: Date
    /// The most favourable and adverse prices seen.
    public private(set) var bestPrice: Paise
    public private(set) var worstPrice: Paise
    public private(set) var lastProgressAt: Date
    /// The trail's current level, once it has one.
    public private(set) var trailingStop: Paise?
    public private(set) var stop: Paise

    public init(policy: ExitPolicy, side: Side, entry: Paise, stop: Paise, quantity: Int, entryAtr: Double?, openedAt: Date) {
        self.policy = policy
        self.side = side
        self.entry = entry
        self.stop = stop
        self.quantity = quantity
        self.entryAtr = entryAtr
        self.openedAt = openedAt
        self.bestPrice = entry
        self.worstPrice = entry
        self.lastProgressAt = openedAt
    }

    /// Maximum favourable excursion per unit (≥ 0).
    public var mfePerUnit: Paise { Paise(max(0, (bestPrice - entry).value * side.sign)) }
    /// Maximum adverse excursion per unit (≥ 0).
    public var maePerUnit: Paise { Paise(max(0, (entry - worstPrice).value * side.sign)) }

    /// The stop the OCO group now holds (after breakeven or a trail), so the trail only ratchets from there.
    public mutating func stopMoved(to trigger: Paise) {
        stop = trigger
    }

    /// One observation: a last price, the current ATR in rupees (as `md.bar` publishes it; nil
    /// while unknown) and the time. Returns
    /// the first rule that fires, checked in order EOD, MAE, volatility, time, trail.
    public mutating func observe(price: Paise, atr: Double?, at now: Date) -> ExitSignal? {
        guard price > .zero else { return nil }
        if favours(price, over: bestPrice) {
            bestPrice = price
            lastProgressAt = now
        }
        if favours(worstPrice, over: price) { worstPrice = price }

        if IST.minuteOfDay(now) >= policy.squareOffMinuteIST { return .exit(.endOfDay) }
        if policy.maeCapitalFraction > 0 {
            let adverse = Double(maePerUnit.value) * Double(quantity)
            if adverse >= Double(policy.capital.value) * policy.maeCapitalFraction { return .exit(.maeStop) }
        }
        if policy.volatilityStopMultiple > 0, let atr, let entryAtr, entryAtr > 0, atr >= entryAtr * policy.volatilityStopMultiple {
            return .exit(.volatilityStop)
        }
        if policy.timeStopMinutes > 0, now.timeIntervalSince(lastProgressAt) >= Double(policy.timeStopMinutes * 60) {
            return .exit(.timeStop)
        }
        if policy.trailingAtrMultiple > 0, let atr, atr > 0 {
            let distance = Int64((atr * 100 * policy.trailingAtrMultiple).rounded())   // paise
            let candidate = Paise(bestPrice.value - side.sign * distance)
            // Ratchets only in the trade's favour, and never from the wrong side of the price.
            if favours(candidate, over: stop), favours(price, over: candidate) {
                trailingStop = candidate
                stop = candidate
                return .moveStop(to: candidate, reason: .trailingStop)
            }
        }
        return nil
    }

    private func favours(_ a: Paise, over b: Paise) -> Bool {
        side == .buy ? a > b : a < b
    }
}
