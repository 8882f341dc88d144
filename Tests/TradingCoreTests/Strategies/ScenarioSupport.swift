import Foundation
import TradingCore

/// Builds crafted bar sequences for strategy scenarios. Prices are in rupees; bars are 1-minute
/// from `start` (default Mon 2025-09-08 09:15 IST); indicators are given per bar.
struct Scenario {
    var symbol = "NIFTY"
    var start = istInstant(2025, 9, 8, 9, 15)
    var bars: [IndicatorBar] = []

    /// Appends a bar; `indicators` default to the previous bar's.
    mutating func add(open: Double, high: Double, low: Double, close: Double, volume: Int64 = 1000,
                      _ indicators: [String: Double]? = nil) {
        let begin = start.addingTimeInterval(Double(bars.count * 60))
        let bar = Bar(symbol: symbol, start: begin, open: Paise(rupees: open), high: Paise(rupees: high), low: Paise(rupees: low),
                      close: Paise(rupees: close), volume: volume)
        bars.append(IndicatorBar(bar: bar, indicators: indicators ?? bars.last?.indicators ?? [:]))
    }

    /// A flat bar around `price` (±1).
    mutating func flat(_ price: Double, _ indicators: [String: Double]? = nil) {
        add(open: price, high: price + 1, low: price - 1, close: price, indicators)
    }

    /// The context of the last bar, one minute after it closed.
    func context(regime: TradingRegime = .trend, chain: OptionChainSnapshot? = nil, ivHistory: [Double] = [],
                 events: EventProximity = .none) -> StrategyContext {
        let last = bars[bars.count - 1].bar.start
        return StrategyContext(symbol: symbol, history: bars, now: last.addingTimeInterval(120), chain: chain, ivHistory: ivHistory,
                               regime: RegimeAssessment(regime: regime, reason: "scenario"), events: events)
    }

    /// Sets one indicator on the last bar.
    mutating func set(_ name: String, _ value: Double) {
        bars[bars.count - 1].indicators[name] = value
    }
}

/// A chain of calls and puts at `strikes` around `spot`, with deltas from a simple linear
/// ramp, two-sided quotes at `spreadFraction` of mid, and IV `iv`.
func craftedChain(spot: Double, strikes: [Double], expiry: Date, asOf: Date, iv: Double = 0.14, spreadFraction: Double = 0.002,
                  openInterest: Int64 = 100_000, volume: Int64 = 50_000) -> OptionChainSnapshot {
    var rows: [ChainGreeksRow] = []
    for strike in strikes {
        let moneyness = (strike - spot) / 100
        let callDelta = min(0.95, max(0.02, 0.5 - 0.12 * moneyness))
        for kind in [OptionKind.call, .put] {
            let delta = kind == .call ? callDelta : callDelta - 1
            let intrinsic = kind == .call ? max(0, spot - strike) : max(0, strike - spot)
            let mid = intrinsic + 60 * abs(delta) + 5
            let half = mid * spreadFraction / 2
            let quote = ChainQuote(strike: Paise(rupees: strike), kind: kind, bid: Paise(rupees: mid - half),
                                   ask: Paise(rupees: mid + half), last: Paise(rupees: mid), volume: volume, openInterest: openInterest)
            rows.append(ChainGreeksRow(quote: quote, priceSource: .mid, price: mid, impliedVolatility: iv,
                                       greeks: OptionGreeks(delta: delta, gamma: 0.001, theta: -5, vega: 10), failure: nil))
        }
    }
    let atm = strikes.min { abs($0 - spot) < abs($1 - spot) }.map { Paise(rupees: $0) }
    return OptionChainSnapshot(spot: Paise(rupees: spot), expiry: expiry, asOf: asOf, rate: 0.065, dividendYield: 0,
                               timeToExpiry: expiry.timeIntervalSince(asOf) / 86_400 / 365, atmStrike: atm, rows: rows)
}
