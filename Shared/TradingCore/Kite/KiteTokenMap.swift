import Foundation

/// Which Kite instrument token is published as which symbol.
///
/// Either explicit `SYMBOL=token` entries (`marketdata.kite_tokens`), or, when there are
/// none, each configured symbol looked up in the Kite instrument dump: an index symbol
/// (NIFTY, BANKNIFTY, FINNIFTY, MIDCPNIFTY) as its `INDICES` row on NSE ("NIFTY 50", …),
/// any other symbol as the NSE row with that tradingsymbol.
public struct KiteTokenMap: Hashable, Sendable {
    /// A token map that cannot be built; the description names the entry.
    public struct ResolveError: Error, Hashable, Sendable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    public let symbolsByToken: [UInt32: String]

    public init(symbolsByToken: [UInt32: String]) {
        self.symbolsByToken = symbolsByToken
    }

    /// Tokens in ascending order, for the subscribe message.
    public var tokens: [UInt32] { symbolsByToken.keys.sorted() }

    /// Parses `SYMBOL=token` entries; a symbol or token may appear once.
    public static func parse(entries: [String]) throws(ResolveError) -> KiteTokenMap {
        var map: [UInt32: String] = [:]
        var seen: Set<String> = []
        for entry in entries {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let token = UInt32(parts[1]), token > 0 else {
                throw ResolveError(reason: "SYMBOL=token entries with a positive integer token (got '\(entry)')")
            }
            guard map[token] == nil, seen.insert(parts[0]).inserted else {
                throw ResolveError(reason: "each symbol and token once (got '\(entry)' again)")
            }
            map[token] = parts[0]
        }
        return KiteTokenMap(symbolsByToken: map)
    }

    /// Looks each symbol up in the instrument dump; a symbol it does not list throws.
    public static func resolve(symbols: [String], in instruments: [KiteInstrument]) throws(ResolveError) -> KiteTokenMap {
        var map: [UInt32: String] = [:]
        for symbol in symbols {
            let tradingsymbol = UniverseBuilder.indexTradingsymbols[symbol] ?? symbol
            guard let row = instruments.first(where: { $0.exchange == UniverseBuilder.cashExchange && $0.tradingsymbol == tradingsymbol }),
                  let token = UInt32(exactly: row.instrumentToken) else {
                throw ResolveError(reason: "\(symbol) (as \(tradingsymbol)) is not an NSE instrument of the instrument file")
            }
            map[token] = symbol
        }
        return KiteTokenMap(symbolsByToken: map)
    }
}
