import Foundation

/// Turns decoded Kite ticks into `Tick`s for the bar builder, per instrument token.
///
/// - symbol: from the token map; a tick for a token not in the map is dropped (and counted
///   by the caller through `unmappedTokens`).
/// - price: the last traded price.
/// - volume: Kite sends the day's cumulative volume; a `Tick` carries the quantity traded
///   since the previous tick of the same token, so the converter keeps the last cumulative
///   value per token. The first tick of a token after start counts 0 (what traded before
///   it belongs to bars this process never built); a cumulative value lower than the
///   previous one (a new session) counts in full. Packets without volume (LTP, indices)
///   count 0.
/// - bid / ask: the best level of the depth (full mode) when it has a positive price and
///   quantity, else nil.
/// - timestamp: the exchange timestamp when the packet has one, else `receivedAt` (the
///   shell's clock when the frame arrived).
public struct KiteTickConverter: Hashable, Sendable {
    public let symbols: [UInt32: String]
    private var lastVolume: [UInt32: Int64] = [:]
    /// Ticks dropped because their token is not in `symbols`.
    public private(set) var unmappedTokens = 0

    public init(symbols: [UInt32: String]) {
        self.symbols = symbols
    }

    /// One frame's ticks, in order, as `Tick`s (unmapped tokens left out).
    public mutating func convert(_ ticks: [KiteTick], receivedAt: Date) -> [Tick] {
        var result: [Tick] = []
        result.reserveCapacity(ticks.count)
        for kite in ticks {
            guard let symbol = symbols[kite.instrumentToken] else {
                unmappedTokens += 1
                continue
            }
            var traded: Int64 = 0
            if let cumulative = kite.volume {
                if let previous = lastVolume[kite.instrumentToken] {
                    traded = cumulative >= previous ? cumulative - previous : cumulative
                }
                lastVolume[kite.instrumentToken] = cumulative
            }
            result.append(Tick(symbol: symbol, timestamp: kite.exchangeTimestamp ?? receivedAt, lastPrice: kite.lastPrice,
                               volume: traded, bid: Self.best(kite.depth?.buy), ask: Self.best(kite.depth?.sell)))
        }
        return result
    }

    private static func best(_ levels: [KiteDepthLevel]?) -> Paise? {
        guard let level = levels?.first, level.quantity > 0, level.price > .zero else { return nil }
        return level.price
    }
}
