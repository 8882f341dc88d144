/// Builds the trading universe and option chains from a parsed Kite instrument dump.
///
/// The universe is the indices NIFTY, BANKNIFTY, FINNIFTY and MIDCPNIFTY plus the configured
/// F&O stocks, minus those on the ban list. With `topByVolume` N > 0, the N stocks with the
/// highest `volumes` (say, yesterday's traded quantity) that have live derivatives and are not
/// banned are added after the configured ones: a banned or unavailable stock is skipped and the
/// next one taken, so the universe still gets N. A symbol is in it when the dump has a future or
/// option on it (on NFO) that has not expired on `today`; its lot size and tick size come
/// from the nearest such future, else from the nearest-expiry option. The NSE index or cash
/// instrument is attached when present.
///
/// A derivative's underlying is its `name` column; when Kite leaves that empty it is the
/// known symbol (index or configured stock) that the tradingsymbol starts with, followed by
/// the two-digit expiry year (`BANKNIFTY18JAN23500CE` → `BANKNIFTY`).
///
/// Days are IST calendar days written `yyyy-MM-dd`; a contract expiring on `today` has not
/// expired yet. Pure: the same inputs give the same universe.
public struct UniverseBuilder: Sendable {
    /// The index underlyings, in the order they appear in the universe.
    public static let indexSymbols = ["NIFTY", "BANKNIFTY", "FINNIFTY", "MIDCPNIFTY"]

    /// The tradingsymbol of each index in Kite's `INDICES` segment.
    public static let indexTradingsymbols = [
        "NIFTY": "NIFTY 50",
        "BANKNIFTY": "NIFTY BANK",
        "FINNIFTY": "NIFTY FIN SERVICE",
        "MIDCPNIFTY": "NIFTY MID SELECT",
    ]

    /// The exchange whose futures and options make up the universe.
    public static let derivativesExchange = "NFO"
    /// The exchange of the index and cash instruments.
    public static let cashExchange = "NSE"

    /// Configured F&O stocks, duplicates removed, in configured order.
    public let stockSymbols: [String]
    public let bannedSymbols: Set<String>
    public let freezeQuantities: [String: Int]
    /// Stocks ranked by volume, highest first (ties by symbol); empty without volumes.
    public let volumeRanking: [String]
    public let topByVolume: Int

    private let derivativesByUnderlying: [String: [KiteInstrument]]
    private let indexInstruments: [String: KiteInstrument]
    private let cashInstruments: [String: KiteInstrument]

    public init(instruments: [KiteInstrument], stockSymbols: [String], bannedSymbols: Set<String> = [],
                freezeQuantities: [String: Int] = [:], volumes: [String: Int64] = [:], topByVolume: Int = 0) {
        var seen = Set<String>()
        self.stockSymbols = stockSymbols.filter { !Self.indexSymbols.contains($0) && seen.insert($0).inserted }
        self.bannedSymbols = bannedSymbols
        self.freezeQuantities = freezeQuantities
        self.volumeRanking = volumes.filter { !Self.indexSymbols.contains($0.key) }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        self.topByVolume = max(0, topByVolume)

        // Longest first, so a symbol that is a prefix of another never claims its contracts.
        let known = Set(Self.indexSymbols + self.stockSymbols + self.volumeRanking).sorted {
            $0.count != $1.count ? $0.count > $1.count : $0 < $1
        }
        let indexBySymbol = Dictionary(uniqueKeysWithValues: Self.indexTradingsymbols.map { ($0.value, $0.key) })
        var derivatives: [String: [KiteInstrument]] = [:]
        var indices: [String: KiteInstrument] = [:]
        var cash: [String: KiteInstrument] = [:]
        for instrument in instruments {
            if instrument.exchange == Self.derivativesExchange, instrument.instrumentType.isDerivative {
                if let underlying = Self.underlying(of: instrument, known: known) {
                    derivatives[underlying, default: []].append(instrument)
                }
            } else if instrument.exchange == Self.cashExchange {
                if instrument.segment == "INDICES" || instrument.instrumentType == .index {
                    let symbol = indexBySymbol[instrument.tradingsymbol] ?? instrument.tradingsymbol
                    if indices[symbol] == nil { indices[symbol] = instrument }
                } else if instrument.instrumentType == .equity, instrument.segment == Self.cashExchange {
                    if cash[instrument.tradingsymbol] == nil { cash[instrument.tradingsymbol] = instrument }
                }
            }
        }
        self.derivativesByUnderlying = derivatives
        self.indexInstruments = indices
        self.cashInstruments = cash
    }

    /// The universe on the IST day `today` (`yyyy-MM-dd`).
    public func build(today: String) -> Universe {
        var entries: [UniverseEntry] = []
        var banned: [String] = []
        var unavailable: [String] = []
        let candidates = Self.indexSymbols.map { ($0, UniverseEntry.Kind.index) }
            + stockSymbols.map { ($0, UniverseEntry.Kind.stock) }
        for (symbol, kind) in candidates {
            if bannedSymbols.contains(symbol) {
                banned.append(symbol)
                continue
            }
            guard let made = entry(symbol, kind: kind, today: today) else {
                unavailable.append(symbol)
                continue
            }
            entries.append(made)
        }
        var added = 0
        for symbol in volumeRanking where added < topByVolume && !stockSymbols.contains(symbol) {
            if bannedSymbols.contains(symbol) {
                banned.append(symbol)
            } else if let made = entry(symbol, kind: .stock, today: today) {
                entries.append(made)
                added += 1
            }
        }
        return Universe(today: today, entries: entries, banned: banned, unavailable: unavailable)
    }

    /// The entry of `symbol` on `today`, nil when it has no live future or option.
    private func entry(_ symbol: String, kind: UniverseEntry.Kind, today: String) -> UniverseEntry? {
        let live = liveDerivatives(of: symbol, today: today)
        let nearestFuture = Self.nearest(live.filter { $0.instrumentType == .future })
        guard let reference = nearestFuture ?? Self.nearest(live.filter { $0.instrumentType.isOption }) else { return nil }
        let underlyingInstrument = kind == .index ? indexInstruments[symbol] : cashInstruments[symbol]
        return UniverseEntry(symbol: symbol, kind: kind, underlyingInstrument: underlyingInstrument,
                             nearestFuture: nearestFuture, lotSize: reference.lotSize,
                             tickSize: reference.tickSize, freezeQuantity: freezeQuantities[symbol],
                             expiries: Set(live.compactMap(\.expiry)).sorted())
    }

    /// The nearest-expiry option chain of `underlying` on `today`: the strike nearest `spot`
    /// that has both a call and a put (the lower one on a tie) and up to `strikesAroundATM`
    /// such strikes on each side, fewer where the chain runs out. Nil when the dump has no
    /// option on `underlying` that has not expired.
    public func optionChain(underlying: String, spot: Paise, strikesAroundATM: Int, today: String) -> OptionChain? {
        let options = liveDerivatives(of: underlying, today: today).filter { $0.instrumentType.isOption }
        guard let expiry = options.compactMap(\.expiry).min() else { return nil }
        var calls: [Paise: KiteInstrument] = [:]
        var puts: [Paise: KiteInstrument] = [:]
        // Lowest token first, so a repeated contract resolves the same way every time.
        for option in options.sorted(by: { $0.instrumentToken < $1.instrumentToken }) where option.expiry == expiry {
            if option.instrumentType == .call {
                if calls[option.strike] == nil { calls[option.strike] = option }
            } else if puts[option.strike] == nil {
                puts[option.strike] = option
            }
        }
        let strikes = calls.keys.filter { puts[$0] != nil }.sorted()
        guard let atmIndex = strikes.indices.min(by: { lhs, rhs in
            let left = (strikes[lhs] - spot).magnitude, right = (strikes[rhs] - spot).magnitude
            return left != right ? left < right : lhs < rhs
        }) else {
            return OptionChain(underlying: underlying, expiry: expiry, spot: spot, atmStrike: nil, rows: [])
        }
        let width = max(0, strikesAroundATM)
        let window = max(0, atmIndex - width)...min(strikes.count - 1, atmIndex + width)
        let rows = strikes[window].map { OptionChainRow(strike: $0, call: calls[$0]!, put: puts[$0]!) }
        return OptionChain(underlying: underlying, expiry: expiry, spot: spot, atmStrike: strikes[atmIndex], rows: rows)
    }

    /// The instrument tokens that make up `universe`: each entry's index or cash instrument
    /// and every future and option on it that has not expired on the universe's day.
    public func tokens(of universe: Universe) -> Set<Int64> {
        var tokens = Set(universe.entries.compactMap { $0.underlyingInstrument?.instrumentToken })
        for entry in universe.entries {
            for contract in liveDerivatives(of: entry.symbol, today: universe.today) { tokens.insert(contract.instrumentToken) }
        }
        return tokens
    }

    private func liveDerivatives(of symbol: String, today: String) -> [KiteInstrument] {
        (derivativesByUnderlying[symbol] ?? []).filter { $0.isLive(on: today) }
    }

    /// The contract with the earliest expiry (lowest token on a tie).
    private static func nearest(_ contracts: [KiteInstrument]) -> KiteInstrument? {
        contracts.min { ($0.expiry ?? "", $0.instrumentToken) < ($1.expiry ?? "", $1.instrumentToken) }
    }

    /// The underlying of a derivative: its name, else the known symbol its tradingsymbol
    /// starts with followed by two digits. `known` is sorted longest first.
    static func underlying(of instrument: KiteInstrument, known: [String]) -> String? {
        if !instrument.name.isEmpty { return instrument.name }
        let symbol = instrument.tradingsymbol
        for candidate in known where symbol.hasPrefix(candidate) {
            let rest = symbol.dropFirst(candidate.count).prefix(2)
            if rest.count == 2, rest.allSatisfy(\.isASCIIDigit) { return candidate }
        }
        return nil
    }
}
