import Foundation

/// One instrument's quote packet from the Kite Connect v3 WebSocket ticker, decoded.
///
/// Which fields are present depends on the packet: an LTP packet carries only the last
/// price; an index packet (segment 9) carries the last price, OHLC and, in full mode, the
/// exchange timestamp; a tradable instrument's quote packet adds quantities, volume and
/// the average price, and its full packet adds times, open interest and five levels of
/// depth. Fields a packet does not carry are nil.
public struct KiteTick: Hashable, Sendable {
    /// The subscription mode the packet was sent in, inferred from its length.
    public enum Mode: String, Hashable, Sendable {
        case ltp, quote, full
    }

    public var instrumentToken: UInt32
    public var mode: Mode
    /// False for indices (exchange segment 9), which cannot be traded.
    public var isTradable: Bool
    public var lastPrice: Paise
    public var lastTradedQuantity: Int64?
    /// Volume-weighted average traded price of the day.
    public var averagePrice: Paise?
    public var volume: Int64?
    /// Total quantity on the bid side of the book.
    public var buyQuantity: Int64?
    /// Total quantity on the offer side of the book.
    public var sellQuantity: Int64?
    public var ohlc: KiteOHLC?
    /// `lastPrice − ohlc.close` (an absolute amount, not a percentage), present whenever OHLC is.
    public var change: Paise?
    public var lastTradeTime: Date?
    public var openInterest: Int64?
    public var openInterestDayHigh: Int64?
    public var openInterestDayLow: Int64?
    public var exchangeTimestamp: Date?
    public var depth: KiteMarketDepth?

    public init(instrumentToken: UInt32, mode: Mode, isTradable: Bool, lastPrice: Paise,
                lastTradedQuantity: Int64? = nil, averagePrice: Paise? = nil, volume: Int64? = nil,
                buyQuantity: Int64? = nil, sellQuantity: Int64? = nil, ohlc: KiteOHLC? = nil,
                change: Paise? = nil, lastTradeTime: Date? = nil, openInterest: Int64? = nil,
                openInterestDayHigh: Int64? = nil, openInterestDayLow: Int64? = nil,
                exchangeTimestamp: Date? = nil, depth: KiteMarketDepth? = nil) {
        self.instrumentToken = instrumentToken
        self.mode = mode
        self.isTradable = isTradable
        self.lastPrice = lastPrice
        self.lastTradedQuantity = lastTradedQuantity
        self.averagePrice = averagePrice
        self.volume = volume
        self.buyQuantity = buyQuantity
        self.sellQuantity = sellQuantity
        self.ohlc = ohlc
        self.change = change
        self.lastTradeTime = lastTradeTime
        self.openInterest = openInterest
        self.openInterestDayHigh = openInterestDayHigh
        self.openInterestDayLow = openInterestDayLow
        self.exchangeTimestamp = exchangeTimestamp
        self.depth = depth
    }

    /// The exchange segment, the low byte of the instrument token
    /// (1 NSE, 2 NFO, 3 CDS, 4 BSE, 5 BFO, 6 BCD, 7 MCX, 8 MCXSX, 9 indices).
    public var exchangeSegment: UInt8 { UInt8(truncatingIfNeeded: instrumentToken) }

    /// True for an index packet (segment 9).
    public var isIndex: Bool { exchangeSegment == KiteTickerFrameParser.indicesSegment }
}
