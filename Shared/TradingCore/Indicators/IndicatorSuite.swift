/// Every indicator of `IndicatorTable`'s columns, updated together bar by bar (O(1) per
/// bar). Used by the `aitrapp indicators` table and by marketdata's bar snapshot, so both
/// compute exactly the same numbers.
public struct IndicatorSuite: Sendable {
    public let periods: IndicatorPeriods
    /// The column names, in the order of `update`'s values (`IndicatorTable`'s header without `timestamp`).
    public let names: [String]
    private var ema: ExponentialMovingAverage
    private var rsi: RelativeStrengthIndex
    private var atr: AverageTrueRange
    private var adx: AverageDirectionalIndex
    private var bollinger: BollingerBands
    private var donchian: DonchianChannel
    private var obv = OnBalanceVolume()
    private var vwap = SessionVWAP()
    private var supertrend: Supertrend

    /// Precondition: `periods.problem == nil`.
    public init(periods: IndicatorPeriods) {
        precondition(periods.problem == nil, periods.problem ?? "")
        self.periods = periods
        names = Array(IndicatorTable.header(for: periods).dropFirst())
        ema = ExponentialMovingAverage(period: periods.ema)
        rsi = RelativeStrengthIndex(period: periods.rsi)
        atr = AverageTrueRange(period: periods.atr)
        adx = AverageDirectionalIndex(period: periods.adx)
        bollinger = BollingerBands(period: periods.bollinger, multiplier: periods.bollingerK)
        donchian = DonchianChannel(period: periods.donchian)
        supertrend = Supertrend(period: periods.supertrend, multiplier: periods.supertrendK)
    }

    /// Feeds one closed bar; returns the values in `names` order, nil during warm-up.
    public mutating func update(with bar: Bar) -> [Double?] {
        let (high, low, close) = (bar.high.rupees, bar.low.rupees, bar.close.rupees)
        let volume = Double(bar.volume)
        let e = ema.update(close)
        let r = rsi.update(close)
        let a = atr.update(high: high, low: low, close: close)
        adx.update(high: high, low: low, close: close)
        let b = bollinger.update(close)
        let d = donchian.update(high: high, low: low)
        let o = obv.update(close: close, volume: volume)
        let v = vwap.update(start: bar.start, high: high, low: low, close: close, volume: volume)
        let s = supertrend.update(high: high, low: low, close: close)
        return [
            e, r, a,
            adx.value?.adx, adx.plusDI, adx.minusDI,
            b?.middle, b?.upper, b?.lower,
            d?.upper, d?.lower,
            o, v,
            s?.value, s.map { Double($0.direction) },
        ]
    }
}
