import Foundation

/// Decodes the binary market-data messages of the Kite Connect v3 WebSocket ticker.
///
/// A message is a big-endian `UInt16` packet count, then for each packet a big-endian
/// `UInt16` length and that many bytes. The packet's length says what it is:
///
/// | length | packet |
/// |---|---|
/// | 8   | LTP: token, last price |
/// | 28  | index quote: token, last, high, low, open, close, change (ignored) |
/// | 32  | index full: the index quote, then the exchange timestamp |
/// | 44  | quote: token, last, last qty, average, volume, buy qty, sell qty, open, high, low, close |
/// | 184 | full: the quote, then last trade time, OI, OI day high, OI day low, exchange timestamp, and depth |
///
/// Every field is a big-endian unsigned 32-bit integer at a 4-byte offset; times are Unix
/// seconds. Depth is ten 12-byte entries from byte 64 (five bids, then five offers), each
/// quantity `UInt32`, price `UInt32`, orders `UInt16` and 2 bytes of padding.
///
/// Prices are integer paise for every segment except currency derivatives: NSE CDS
/// (segment 3) sends 1/10,000,000 rupee and BSE BCD (segment 6) 1/10,000 rupee, which
/// `Paise` cannot hold exactly, so those packets are counted in
/// `unsupportedSegmentPackets` and skipped rather than rounded. `change` is computed as
/// `last − close`, as Zerodha's Go client does; the index packets' own change field at
/// bytes 24–28 is not used. A time field of 0 decodes to nil.
///
/// Parsing never traps: every read is bounds-checked, and a bad packet is counted in the
/// returned frame and skipped.
public enum KiteTickerFrameParser {
    /// Exchange segment of indices (the low byte of the instrument token).
    public static let indicesSegment: UInt8 = 9
    /// NSE currency derivatives: prices in 1/10,000,000 rupee.
    public static let nseCurrencySegment: UInt8 = 3
    /// BSE currency derivatives: prices in 1/10,000 rupee.
    public static let bseCurrencySegment: UInt8 = 6

    /// Packet lengths by mode.
    public static let ltpLength = 8
    public static let indexQuoteLength = 28
    public static let indexFullLength = 32
    public static let quoteLength = 44
    public static let fullLength = 184

    /// Decodes one binary message. Never traps, whatever the input.
    public static func parse(_ bytes: [UInt8]) -> KiteTickerFrame {
        var frame = KiteTickerFrame()
        guard bytes.count >= 2 else {
            frame.isHeartbeat = true
            return frame
        }
        let declared = Int(readUInt16(bytes, at: 0))
        frame.declaredPacketCount = declared
        var offset = 2
        for index in 0..<declared {
            guard offset + 2 <= bytes.count else {
                frame.truncatedPackets += declared - index
                return frame
            }
            let length = Int(readUInt16(bytes, at: offset))
            let start = offset + 2
            guard start + length <= bytes.count else {
                frame.truncatedPackets += declared - index
                return frame
            }
            switch decode(bytes, start: start, length: length) {
            case .tick(let tick): frame.ticks.append(tick)
            case .unknownLength: frame.unknownLengthPackets += 1
            case .unsupportedSegment: frame.unsupportedSegmentPackets += 1
            }
            offset = start + length
        }
        frame.trailingBytes = bytes.count - offset
        return frame
    }

    /// Decodes one bare packet (no count or length prefix), or returns nil when its length
    /// is unknown or its segment is a currency segment.
    public static func parsePacket(_ packet: [UInt8]) -> KiteTick? {
        if case .tick(let tick) = decode(packet, start: 0, length: packet.count) { return tick }
        return nil
    }

    private enum PacketOutcome {
        case tick(KiteTick)
        case unknownLength
        case unsupportedSegment
    }

    /// Decodes `bytes[start ..< start + length]`; the caller guarantees that range is in bounds.
    private static func decode(_ bytes: [UInt8], start: Int, length: Int) -> PacketOutcome {
        guard [ltpLength, indexQuoteLength, indexFullLength, quoteLength, fullLength].contains(length) else {
            return .unknownLength
        }
        // Every known length is at least 8, so the token and last price are always present.
        func u32(_ field: Int) -> UInt32 { readUInt32(bytes, at: start + field) }
        func int(_ field: Int) -> Int64 { Int64(u32(field)) }
        func price(_ field: Int) -> Paise { Paise(int(field)) }
        func time(_ field: Int) -> Date? {
            let seconds = u32(field)
            return seconds == 0 ? nil : Date(timeIntervalSince1970: TimeInterval(seconds))
        }

        let token = u32(0)
        let segment = UInt8(truncatingIfNeeded: token)
        guard segment != nseCurrencySegment, segment != bseCurrencySegment else { return .unsupportedSegment }
        var tick = KiteTick(instrumentToken: token, mode: .ltp, isTradable: segment != indicesSegment,
                            lastPrice: price(4))
        switch length {
        case indexQuoteLength, indexFullLength:
            let ohlc = KiteOHLC(open: price(16), high: price(8), low: price(12), close: price(20))
            tick.mode = length == indexFullLength ? .full : .quote
            tick.ohlc = ohlc
            tick.change = tick.lastPrice - ohlc.close
            if length == indexFullLength { tick.exchangeTimestamp = time(28) }
        case quoteLength, fullLength:
            let ohlc = KiteOHLC(open: price(28), high: price(32), low: price(36), close: price(40))
            tick.mode = length == fullLength ? .full : .quote
            tick.lastTradedQuantity = int(8)
            tick.averagePrice = price(12)
            tick.volume = int(16)
            tick.buyQuantity = int(20)
            tick.sellQuantity = int(24)
            tick.ohlc = ohlc
            tick.change = tick.lastPrice - ohlc.close
            if length == fullLength {
                tick.lastTradeTime = time(44)
                tick.openInterest = int(48)
                tick.openInterestDayHigh = int(52)
                tick.openInterestDayLow = int(56)
                tick.exchangeTimestamp = time(60)
                func level(_ entry: Int) -> KiteDepthLevel {
                    let field = 64 + 12 * entry
                    return KiteDepthLevel(quantity: int(field), price: price(field + 4),
                                          orders: Int(readUInt16(bytes, at: start + field + 8)))
                }
                tick.depth = KiteMarketDepth(buy: (0..<5).map(level), sell: (5..<10).map(level))
            }
        default:
            break // LTP: token and last price only.
        }
        return .tick(tick)
    }

    private static func readUInt16(_ bytes: [UInt8], at offset: Int) -> UInt16 {
        UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    private static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }
}
