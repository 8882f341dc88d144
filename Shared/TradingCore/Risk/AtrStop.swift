/// ATR-normalised stops, when the strategy asks for them: a signal whose features carry
/// `stop_atr_multiple` (k > 0) and an `atr_<period>` value (rupees) is sized with its stop at
/// entry ∓ k × ATR, the distance rounded up to whole ticks. Other signals keep their stop.
public enum AtrStop {
    public static let multipleFeature = "stop_atr_multiple"

    public static func normalise(_ signal: TradeSignal, tick: Paise) -> TradeSignal {
        guard let multiple = signal.features[multipleFeature], multiple > 0, multiple.isFinite,
              let key = signal.features.keys.filter({ $0.hasPrefix("atr_") }).sorted().first,
              let atr = signal.features[key], atr > 0, atr.isFinite else { return signal }
        var distance = Paise(rupees: atr * multiple)
        if tick.value > 0, distance.value % tick.value != 0 {
            distance = Paise((distance.value / tick.value + 1) * tick.value)
        }
        var normalised = signal
        normalised.stop = signal.side == .buy ? signal.entry - distance : signal.entry + distance
        return normalised
    }
}
