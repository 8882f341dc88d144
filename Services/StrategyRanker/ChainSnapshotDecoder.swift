import Foundation
import Messages
import ServiceKit
import TradingCore

/// A `md.chain` payload back as the core's `OptionChainSnapshot` (rows without an IV carry no greeks).
enum ChainSnapshotDecoder {
    static func snapshot(_ payload: ChainPayload) throws -> OptionChainSnapshot {
        guard let expiry = Timestamp.parse(payload.expiry + "T15:30:00+05:30") else {
            throw MalformedMessage(reason: "chain expiry \(payload.expiry) is not yyyy-MM-dd")
        }
        let rows = try payload.rows.map { row -> ChainGreeksRow in
            guard row.kind == "CE" || row.kind == "PE" else { throw MalformedMessage(reason: "chain row kind \(row.kind)") }
            let quote = ChainQuote(strike: Paise(row.strikePaise), kind: row.kind == "CE" ? .call : .put,
                                   bid: row.bidPaise.map(Paise.init), ask: row.askPaise.map(Paise.init),
                                   last: row.lastPaise.map(Paise.init), volume: row.volume, openInterest: row.openInterest)
            var greeks: OptionGreeks?
            if let delta = row.delta, let gamma = row.gamma, let theta = row.theta, let vega = row.vega, row.iv != nil {
                greeks = OptionGreeks(delta: delta, gamma: gamma, theta: theta, vega: vega)
            }
            return ChainGreeksRow(quote: quote, priceSource: row.priceSource.flatMap(ChainPriceSource.init(rawValue:)),
                                  price: quote.referencePrice?.price, impliedVolatility: greeks == nil ? nil : row.iv,
                                  greeks: greeks, failure: nil)
        }
        return OptionChainSnapshot(spot: Paise(payload.spotPaise), expiry: expiry, asOf: payload.asOf, rate: payload.riskFreeRate,
                                   dividendYield: 0, timeToExpiry: payload.timeToExpiryYears,
                                   atmStrike: payload.atmStrikePaise.map(Paise.init), rows: rows)
    }
}
