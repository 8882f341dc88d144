/// How the paper broker fills: market orders at the last price moved against the trader
/// by `slippageBps` basis points (never at or below zero), limit targets at their price
/// once touched, stops (SL-M) as market orders once the last price reaches the trigger.
/// When one price reaches both stop and target, the stop wins.
public struct PaperFillModel: Sendable, Hashable {
    public var slippageBps: Double
    public var tickSize: Paise

    public init(slippageBps: Double, tickSize: Paise) {
        self.slippageBps = slippageBps
        self.tickSize = tickSize
    }

    /// The fill price of a market order on `side` when the last traded price is `lastPrice`: moved
    /// by the slippage to whole paise, then onto the tick grid against the trader (a buy up, a sell
    /// down), so rounding never gives back part of the slippage.
    public func marketFillPrice(side: Side, lastPrice: Paise) -> Paise {
        let factor = 1 + Double(side.sign) * slippageBps / 10_000
        let paise = Int64((Double(lastPrice.value) * factor).rounded())
        let tick = max(tickSize.value, 1)
        var ticks = paise / tick
        if side == .buy, paise % tick != 0 { ticks += 1 }
        return max(Paise(ticks * tick), max(tickSize, Paise(1)))
    }

    /// Which child of a position on `side` the last price has triggered, if any.
    public func triggeredLeg(positionSide side: Side, stop: Paise, target: Paise, lastPrice: Paise) -> OcoLeg? {
        switch side {
        case .buy:
            if lastPrice <= stop { return .stop }
            if lastPrice >= target { return .target }
        case .sell:
            if lastPrice >= stop { return .stop }
            if lastPrice <= target { return .target }
        }
        return nil
    }

    /// The price a triggered child fills at.
    public func fillPrice(of leg: OcoLeg, positionSide side: Side, target: Paise, lastPrice: Paise) -> Paise {
        leg == .target ? target : marketFillPrice(side: side.opposite, lastPrice: lastPrice)
    }
}
