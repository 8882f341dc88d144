import Foundation
import Logging
import Messages
import Metrics
import ServiceKit
import ServiceLifecycle
import TradingCore

/// The live Kite ticker as a market feed: every binary message becomes one batch of ticks
/// handed to the publisher, quiet bars are closed by the clock every `flushInterval`, and a
/// silent feed during market hours is reported as a `feed.silent` risk event (WARNING) on
/// `risk`, once per streak of silence (the client reconnects every window regardless).
///
/// Tokens map to symbols through `marketdata.kite_tokens` (`SYMBOL=token`), or, without it,
/// through the configured `symbols` looked up in `marketdata.instruments_file`
/// (`KiteTokenMap`). `KiteTickConverter` turns each `KiteTick` into a `Tick` (last price,
/// volume traded since the previous tick of that token, best bid and ask from the depth,
/// exchange timestamp or the clock). With `instruments_file` set, the nearest-expiry options of
/// the mapped underlyings are subscribed too, and their quotes make `md.chain.<UNDERLYING>`
/// (published every `kite_chain_seconds` and on `chain.refresh`).
public struct KiteTickerFeed: MarketFeed {
    public let context: ServiceKitContext
    public let settings: MarketdataSettings
    public let chains: ChainBook
    public let flushInterval: Duration
    public var name: String { "kite" }

    /// The token map cannot be built (already logged); retrying will not help.
    public struct SetupError: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    public init(context: ServiceKitContext, settings: MarketdataSettings, chains: ChainBook,
                flushInterval: Duration = .milliseconds(250)) {
        self.context = context
        self.settings = settings
        self.chains = chains
        self.flushInterval = flushInterval
    }

    /// The token map: `kite_tokens`, else the configured symbols looked up in the instrument file.
    public static func tokenMap(settings: MarketdataSettings) throws -> KiteTokenMap {
        if let map = settings.kiteTokens { return map }
        let text: String
        do {
            text = try String(contentsOfFile: settings.instrumentsFile, encoding: .utf8)
        } catch {
            throw SetupError(reason: "\(settings.instrumentsFile): cannot read: \(error.localizedDescription)")
        }
        do {
            return try KiteTokenMap.resolve(symbols: settings.symbols, in: try KiteInstrumentCSVParser().parse(text))
        } catch let error as KiteInstrumentCSVParser.ParseError {
            throw SetupError(reason: "\(settings.instrumentsFile):\(error.line): \(error.reason)")
        } catch {
            throw SetupError(reason: "marketdata.symbols: \(error)")
        }
    }

    /// The nearest-expiry options of `underlyings` in `instruments_file` (nil without the file,
    /// or when it has none): their ticks build the `md.chain.<UNDERLYING>` messages.
    func optionBook(underlyings: [String]) -> KiteOptionBook? {
        guard !settings.instrumentsFile.isEmpty,
              let text = try? String(contentsOfFile: settings.instrumentsFile, encoding: .utf8),
              let instruments = try? KiteInstrumentCSVParser().parse(text) else { return nil }
        let book = KiteOptionBook(instruments: instruments, underlyings: underlyings, today: IST.dayString(context.clock.now()))
        guard !book.contracts.isEmpty else { return nil }
        context.logger.info("kite option chains subscribed", metadata: [
            "kite.chain_underlyings": "\(book.expiries.keys.sorted())", "kite.option_tokens": "\(book.contracts.count)"])
        return book
    }

    public func run(publisher: MarketPublisher) async throws {
        guard let credentials = settings.kiteCredentials else {
            // MarketdataSettings already refuses feed=kite without credentials.
            throw SetupError(reason: "KITE_API_KEY and KITE_ACCESS_TOKEN are required for the kite feed")
        }
        let map: KiteTokenMap
        do {
            map = try Self.tokenMap(settings: settings)
        } catch {
            context.logger.critical("kite token map rejected, feed not started", metadata: ["error": "\(error)"])
            FileHandle.standardError.write(Data("marketdata: \(error)\n".utf8))
            exit(2)
        }
        let options = optionBook(underlyings: map.tokens.compactMap { map.symbolsByToken[$0] })
        let client = KiteTickerClient(
            configuration: .init(url: settings.kiteURL, credentials: credentials,
                                 subscription: KiteSubscription(tokens: map.tokens + (options?.tokens ?? []), mode: settings.kiteMode),
                                 silenceSeconds: settings.kiteSilenceSeconds,
                                 reconnectInitialMilliseconds: settings.kiteReconnectInitialMilliseconds,
                                 reconnectMaximumMilliseconds: settings.kiteReconnectMaximumMilliseconds),
            clock: context.clock, logger: context.logger)
        context.logger.info("kite feed started", metadata: [
            "kite.url": "\(client.redactedURL)", "kite.symbols": "\(map.tokens.compactMap { map.symbolsByToken[$0] })",
            "kite.mode": "\(settings.kiteMode.rawValue)"])
        let sink = KiteTickSink(converter: KiteTickConverter(symbols: map.symbolsByToken), options: options, publisher: publisher,
                                context: context)
        if options != nil {
            await chains.setSource { await sink.chainInputs(strikesEachSide: SimulatedFeed.strikesEachSide) }
        }
        // Graceful shutdown cancels both loops (an open connection is closed, a backoff cut short).
        try? await cancelWhenGracefulShutdown { [context, flushInterval] in
            await withDiscardingTaskGroup { group in
                group.addTask {
                    await client.run { event in await sink.handle(event) }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: flushInterval)
                        await publisher.flush(at: context.clock.now())
                    }
                }
                if options != nil, settings.kiteChainSeconds > 0 {
                    group.addTask { [chains, settings] in
                        while !Task.isCancelled {
                            try? await Task.sleep(for: .seconds(settings.kiteChainSeconds))
                            await chains.publishAll(trace: TraceID.make())
                        }
                    }
                }
            }
        }
    }
}
