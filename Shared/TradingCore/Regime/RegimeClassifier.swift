/// Classifies an underlying's regime from its recent bars: NO_TRADE around a listed event, when
/// the at-the-money option spread is blown out, or while ADX is warming up; TREND when ADX is
/// above `adxTrend`; RANGE when ADX is below `adxRange` and neither ATR nor Bollinger width is in
/// its top percentile band; VOLATILE otherwise.
public struct RegimeClassifier: Hashable, Sendable {
    public struct Parameters: Hashable, Sendable {
        public var adxTrend: Double = 25
        public var adxRange: Double = 20
        /// ATR or Bollinger width at or above this percentile of the lookback makes a low-ADX market VOLATILE.
        public var volatilePercentile: Double = 0.9
        public var lookbackBars: Int = 120
        public var eventMinutes: Int = 30
        /// (ask − bid) / mid of the ATM option above this is NO_TRADE.
        public var maxAtmSpreadFraction: Double = 0.02
        public var adxName = "adx_14"
        public var atrName = "atr_14"
        public var bollingerUpper = "bb_upper_20_2"
        public var bollingerLower = "bb_lower_20_2"
        public var bollingerMiddle = "bb_mid_20"

        public init() {}
    }

    public let parameters: Parameters

    public init(parameters: Parameters = Parameters()) {
        self.parameters = parameters
    }

    /// `history` is oldest first and ends with the current bar.
    public func classify(history: [IndicatorBar], events: EventProximity, atmSpreadFraction: Double?) -> RegimeAssessment {
        var window = RegimeWindow(lookbackBars: parameters.lookbackBars)
        for bar in history.suffix(parameters.lookbackBars) { window.append(bar, classifier: self) }
        return classify(latest: history.last, window: window, events: events, atmSpreadFraction: atmSpreadFraction)
    }

    /// The same classification from a `RegimeWindow` kept bar by bar (the pipeline's way: no
    /// indicator lookups over the whole lookback on every bar). `latest` is the current bar, the
    /// last one appended to `window`.
    public func classify(latest: IndicatorBar?, window: RegimeWindow, events: EventProximity,
                         atmSpreadFraction: Double?) -> RegimeAssessment {
        let p = parameters
        let adx = latest?[p.adxName]
        let lastAtr = window.atrs.last { $0 != nil } ?? nil
        let atrPercentile = lastAtr.flatMap { Percentile.rank(of: $0, in: window.atrs) }
        let width = window.widths.last ?? nil
        let widthPercentile = width.flatMap { Percentile.rank(of: $0, in: window.widths) }
        func assessment(_ regime: TradingRegime, _ reason: String) -> RegimeAssessment {
            RegimeAssessment(regime: regime, reason: reason, adx: adx, atrPercentile: atrPercentile, bollingerWidth: width,
                             bollingerWidthPercentile: widthPercentile, atmSpreadFraction: atmSpreadFraction)
        }
        if events.eventWithin(minutes: p.eventMinutes), let event = events.nearestEvent, let minutes = events.minutesToEvent {
            return assessment(.noTrade, "\(event.kind.rawValue) '\(event.title)' \(minutes) min away (window \(p.eventMinutes) min)")
        }
        if let spread = atmSpreadFraction, spread > p.maxAtmSpreadFraction {
            return assessment(.noTrade, "ATM option spread \(Format.percent(spread)) above \(Format.percent(p.maxAtmSpreadFraction))")
        }
        guard let adx else { return assessment(.noTrade, "ADX not warm yet") }
        if adx > p.adxTrend { return assessment(.trend, "ADX \(Format.number(adx)) > \(Format.number(p.adxTrend))") }
        let stretched = (atrPercentile ?? 0) >= p.volatilePercentile || (widthPercentile ?? 0) >= p.volatilePercentile
        if adx < p.adxRange && !stretched {
            return assessment(.range, "ADX \(Format.number(adx)) < \(Format.number(p.adxRange)), ATR and Bollinger width not extreme")
        }
        if adx < p.adxRange {
            return assessment(.volatile, "ADX \(Format.number(adx)) < \(Format.number(p.adxRange)) but ATR pct "
                              + "\(Format.number(atrPercentile ?? 0)) / BB width pct \(Format.number(widthPercentile ?? 0)) ≥ "
                              + "\(Format.number(p.volatilePercentile))")
        }
        return assessment(.volatile, "ADX \(Format.number(adx)) between \(Format.number(p.adxRange)) and \(Format.number(p.adxTrend))")
    }

    /// (upper − lower) / middle of the bar's Bollinger Bands, nil while they are warming up.
    func width(_ bar: IndicatorBar) -> Double? {
        guard let upper = bar[parameters.bollingerUpper], let lower = bar[parameters.bollingerLower],
              let middle = bar[parameters.bollingerMiddle], middle > 0 else { return nil }
        return (upper - lower) / middle
    }
}
