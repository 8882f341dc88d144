import Foundation
import Logging
import Messages
import ServiceKit
import TradingCore

/// The latest option quotes per underlying, and the `md.chain.<UNDERLYING>` messages built
/// from them: implied volatility and greeks per quote, solved when published. A feed
/// updates it (the simulator), or hands it a source to pull from (the Kite feed); the
/// `chain.refresh` job republishes every chain from the latest quotes.
public actor ChainBook {
    private struct Quotes {
        var spot: Paise
        var expiry: Date
        var asOf: Date
        var quotes: [ChainQuote]
    }

    private let context: ServiceKitContext
    private let analytics: OptionChainAnalytics
    private var latest: [String: Quotes] = [:]
    private var source: (@Sendable () async -> [ChainInput])?
    public private(set) var chainsPublished = 0

    public init(context: ServiceKitContext, riskFreeRate: Double) {
        self.context = context
        self.analytics = OptionChainAnalytics(rate: riskFreeRate)
    }

    /// Records an underlying's chain and publishes it.
    public func update(underlying: String, spot: Paise, expiry: Date, asOf: Date, quotes: [ChainQuote], trace: String) async {
        latest[underlying] = Quotes(spot: spot, expiry: expiry, asOf: asOf, quotes: quotes)
        await publish(underlying, trace: trace)
    }

    /// The chain with IVs and greeks from the latest quotes; nil before the feed sent any.
    public func snapshot(_ underlying: String) -> OptionChainSnapshot? {
        guard let entry = latest[underlying] else { return nil }
        return analytics.snapshot(spot: entry.spot, expiry: entry.expiry, now: entry.asOf, quotes: entry.quotes)
    }

    /// Where `publishAll` gets the latest quotes first (a live feed's option book).
    public func setSource(_ source: @escaping @Sendable () async -> [ChainInput]) {
        self.source = source
    }

    /// Republishes every known chain (the `chain.refresh` job), pulling from the source
    /// first when there is one; returns how many.
    @discardableResult
    public func publishAll(trace: String) async -> Int {
        if let source {
            for input in await source() where !input.quotes.isEmpty {
                latest[input.underlying] = Quotes(spot: input.spot, expiry: input.expiry, asOf: input.asOf, quotes: input.quotes)
            }
        }
        for underlying in latest.keys.sorted() { await publish(underlying, trace: trace) }
        return latest.count
    }

    private func publish(_ underlying: String, trace: String) async {
        guard let snapshot = snapshot(underlying) else { return }
        let unsolved = snapshot.rows.filter { !$0.isSolved }.count
        if unsolved > 0 {
            context.logger.debug("chain rows without greeks", metadata: ["chain.underlying": "\(underlying)", "chain.unsolved": "\(unsolved)"])
        }
        if await context.bus.publish(.chain, on: Channel.chain(underlying), trace: trace, mode: .paper,
                                     payload: ChainPayload(underlying: underlying, snapshot: snapshot)) {
            chainsPublished += 1
        }
    }
}
