/// The day's open, high, low and previous close of an instrument as the Kite ticker sends them.
///
/// `close` is the previous session's close, not a running value.
public struct KiteOHLC: Hashable, Sendable {
    public var open: Paise
    public var high: Paise
    public var low: Paise
    public var close: Paise

    public init(open: Paise, high: Paise, low: Paise, close: Paise) {
        self.open = open
        self.high = high
        self.low = low
        self.close = close
    }
}
