import Foundation

/// The live option chains behind the Kite feed: which tokens are the nearest-expiry options
/// of the configured underlyings (from the instrument dump), and the latest quote of each
/// from the ticker, so a chain around the money can be built at any moment.
///
/// A quote is the best bid and ask of the depth (full mode), the last price, the day's
/// cumulative volume and the open interest as Kite reports them.
public struct KiteOptionBook: Sendable {
    public struct Contract: Hashable, Sendable {
        public var underlying: String
        public var strike: Paise
        public var kind: OptionKind
    }

    private struct Key: Hashable {
        var strike: Paise
        var kind: OptionKind
    }

    /// Option tokens → contracts.
    public let contracts: [UInt32: Contract]
    /// Underlying → its nearest expiry (`yyyy-MM-dd`, IST).
    public let expiries: [String: String]
    private var quotes: [String: [Key: ChainQuote]] = [:]
    private var strikes: [String: [Paise]] = [:]

    /// Every strike of each underlying's nearest expiry that has both a call and a put.
    public init(instruments: [KiteInstrument], underlyings: [String], today: String) {
        let builder = UniverseBuilder(instruments: instruments, stockSymbols: underlyings)
        var contracts: [UInt32: Contract] = [:]
        var expiries: [String: String] = [:]
        var strikes: [String: [Paise]] = [:]
        for underlying in underlyings {
            guard let chain = builder.optionChain(underlying: underlying, spot: .zero, strikesAroundATM: Int(Int32.max), today: today),
                  !chain.rows.isEmpty else { continue }
            expiries[underlying] = chain.expiry
            strikes[underlying] = chain.strikes
            for row in chain.rows {
                for (instrument, kind) in [(row.call, OptionKind.call), (row.put, OptionKind.put)] {
                    guard let token = UInt32(exactly: instrument.instrumentToken) else { continue }
                    contracts[token] = Contract(underlying: underlying, strike: row.strike, kind: kind)
                }
            }
        }
        self.contracts = contracts
        self.expiries = expiries
        self.strikes = strikes
    }

    /// Tokens to subscribe, ascending.
    public var tokens: [UInt32] { contracts.keys.sorted() }

    /// Records the option ticks among `ticks`; returns the others, in order.
    public mutating func record(_ ticks: [KiteTick]) -> [KiteTick] {
        var others: [KiteTick] = []
        for tick in ticks {
            guard let contract = contracts[tick.instrumentToken] else {
                others.append(tick)
                continue
            }
            func best(_ levels: [KiteDepthLevel]?) -> Paise? {
                guard let level = levels?.first, level.quantity > 0, level.price > .zero else { return nil }
                return level.price
            }
            quotes[contract.underlying, default: [:]][Key(strike: contract.strike, kind: contract.kind)] = ChainQuote(
                strike: contract.strike, kind: contract.kind, bid: best(tick.depth?.buy), ask: best(tick.depth?.sell),
                last: tick.lastPrice > .zero ? tick.lastPrice : nil, volume: tick.volume ?? 0, openInterest: tick.openInterest ?? 0)
        }
        return others
    }

    /// The latest quotes of the `strikesEachSide` strikes either side of the one nearest `spot`.
    public func quotes(for underlying: String, spot: Paise, strikesEachSide: Int) -> [ChainQuote] {
        guard let all = strikes[underlying], let book = quotes[underlying],
              let atm = all.indices.min(by: { (all[$0] - spot).magnitude < (all[$1] - spot).magnitude }) else { return [] }
        let window = max(0, atm - strikesEachSide)...min(all.count - 1, atm + max(0, strikesEachSide))
        return all[window].flatMap { strike in
            [OptionKind.call, .put].compactMap { book[Key(strike: strike, kind: $0)] }
        }
    }
}
