import Foundation
import ServiceKit
import TradingCore

/// marketdata's section of the configuration, validated at start.
public struct MarketdataSettings: Sendable {
    public enum Feed: String, Sendable { case sim, replay, kite }

    /// One replayed CSV: its bars are published as `symbol`.
    public struct ReplaySource: Sendable, Hashable {
        public var symbol: String
        public var path: String

        public init(symbol: String, path: String) {
            self.symbol = symbol
            self.path = path
        }
    }

    public var feed: Feed
    /// `replay_files` (`SYMBOL=path` each), or `replay_file` with `replay_symbol`.
    public var replaySources: [ReplaySource]
    /// 1 = real speed, N = N times faster, 0 = as fast as possible.
    public var replaySpeed: Double
    /// The timeframe of the replayed bars (the channel they are published on).
    public var replayTimeframe: Timeframe
    public var seed: UInt64
    public var symbols: [String]
    /// The simulated price level of a symbol without a built-in profile (NIFTY, BANKNIFTY,
    /// FINNIFTY and MIDCPNIFTY have their own).
    public var basePrice: Paise
    /// The risk-free rate for implied volatility and greeks (0.065 = 6.5 %).
    public var riskFreeRate: Double
    public var ticksPerBar: Int
    public var simBarMilliseconds: Int
    /// Bars built from ticks, each on `md.bar.<tf>.<SYMBOL>`.
    public var timeframes: [Timeframe]
    /// How long after its end a bar waits for late ticks before the clock closes it.
    public var barGraceMilliseconds: Int
    public var emaFast: Int
    public var emaSlow: Int
    public var atrPeriod: Int
    public var lotSize: Int
    public var tickSize: Paise
    /// A Kite instrument dump (`GET /instruments` CSV) to load into `instruments`; empty: none.
    public var instrumentsFile: String
    /// F&O stocks of the universe besides the indices.
    public var universeStocks: [String]
    /// Symbols on the F&O ban list, left out of the universe.
    public var banList: [String]
    /// NSE's `fo_secban.csv` (or one symbol a line), re-read on every sync; empty: none.
    public var banListFile: String
    /// `SYMBOL,volume` lines for choosing `universe_top_n` stocks by volume; empty: none.
    public var volumeFile: String
    /// How many F&O stocks to add by volume after `universe_stocks` (0: none).
    public var universeTopN: Int
    /// The exchange's maximum quantity per order, per underlying (`SYMBOL=quantity`).
    public var freezeQuantities: [String: Int]
    /// The Kite ticker's WebSocket URL (the credentials are added as query parameters).
    public var kiteURL: String
    /// `KITE_API_KEY` / `KITE_ACCESS_TOKEN` (or `kite_api_key` / `kite_access_token`); nil unless both are set.
    public var kiteCredentials: KiteCredentials?
    /// `full`, `quote` or `ltp`.
    public var kiteMode: KiteTick.Mode
    /// `kite_tokens` (`SYMBOL=token` entries); nil when empty: the configured `symbols` are then
    /// looked up in `instruments_file` when the feed starts.
    public var kiteTokens: KiteTokenMap?
    /// No tick for this long while the market is open closes and reopens the connection.
    public var kiteSilenceSeconds: Double
    /// How often the option chains built from Kite ticks are published (0: only on `chain.refresh`).
    public var kiteChainSeconds: Int
    public var kiteReconnectInitialMilliseconds: Int
    public var kiteReconnectMaximumMilliseconds: Int
    /// `persist_bars`: every closed bar published is also written to the `bars` table (off the tick path).
    public var persistBars: Bool
    /// `persist_bars_queue`: bars waiting for Postgres beyond this many are dropped and counted.
    public var persistBarsQueue: Int

    /// `environment` supplies `KITE_API_KEY` and `KITE_ACCESS_TOKEN`.
    public init(config: AppConfig, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let feedName = config.string("marketdata.feed", default: "sim")
        guard let feed = Feed(rawValue: feedName) else { throw ConfigError.invalidValue(key: "marketdata.feed", expected: "sim, replay or kite") }
        self.feed = feed
        replaySources = try Self.replaySources(config)
        if feed == .replay && replaySources.isEmpty {
            throw ConfigError.invalidValue(key: "marketdata.replay_files", expected: "at least one SYMBOL=path (or replay_file) when feed is replay")
        }
        replaySpeed = try config.double("marketdata.replay_speed", default: 1)
        guard replaySpeed >= 0, replaySpeed.isFinite else {
            throw ConfigError.invalidValue(key: "marketdata.replay_speed", expected: "0 (as fast as possible) or a positive multiple of real time")
        }
        replayTimeframe = try Self.timeframe(config.string("marketdata.replay_timeframe", default: "1m"), key: "marketdata.replay_timeframe")
        seed = UInt64(max(0, try config.int("marketdata.seed", default: 42)))
        symbols = config.list("marketdata.symbols", default: ["NIFTY"])
        basePrice = try config.paise("marketdata.base_price", default: Paise(2_450_000))
        riskFreeRate = try config.double("marketdata.risk_free_rate", default: 0.065)
        ticksPerBar = try config.int("marketdata.ticks_per_bar", default: 12)
        simBarMilliseconds = try config.int("marketdata.sim_bar_ms", default: 500)
        timeframes = try config.list("marketdata.timeframes", default: ["1m"]).map { try Self.timeframe($0, key: "marketdata.timeframes") }
        barGraceMilliseconds = try config.int("marketdata.bar_grace_ms", default: 500)
        emaFast = try config.int("marketdata.ema_fast", default: 9)
        emaSlow = try config.int("marketdata.ema_slow", default: 21)
        atrPeriod = try config.int("marketdata.atr_period", default: 14)
        lotSize = try config.int("marketdata.lot_size", default: 75)
        tickSize = try config.paise("marketdata.tick_size", default: Paise(5))
        instrumentsFile = config.string("marketdata.instruments_file", default: "")
        universeStocks = config.list("marketdata.universe_stocks", default: [])
        banList = config.list("marketdata.ban_list", default: [])
        banListFile = config.string("marketdata.ban_list_file", default: "")
        volumeFile = config.string("marketdata.volume_file", default: "")
        universeTopN = try config.int("marketdata.universe_top_n", default: 0)
        guard universeTopN >= 0 else { throw ConfigError.invalidValue(key: "marketdata.universe_top_n", expected: "0 or more") }
        if universeTopN > 0 && volumeFile.isEmpty {
            throw ConfigError.invalidValue(key: "marketdata.volume_file", expected: "a SYMBOL,volume file when universe_top_n is set")
        }
        freezeQuantities = [:]
        for entry in config.list("marketdata.freeze_quantities", default: []) {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let quantity = Int(parts[1]), quantity > 0 else {
                throw ConfigError.invalidValue(key: "marketdata.freeze_quantities", expected: "SYMBOL=quantity entries (got '\(entry)')")
            }
            freezeQuantities[parts[0]] = quantity
        }
        kiteURL = config.string("marketdata.kite_url", default: "wss://ws.kite.trade")
        guard kiteURL.hasPrefix("ws://") || kiteURL.hasPrefix("wss://") else {
            throw ConfigError.invalidValue(key: "marketdata.kite_url", expected: "a ws:// or wss:// URL")
        }
        // The config keys (AITRAPP_MARKETDATA_KITE_…) win over KITE_API_KEY / KITE_ACCESS_TOKEN.
        let apiKey = config.string("marketdata.kite_api_key", default: environment["KITE_API_KEY"] ?? "")
        let accessToken = config.string("marketdata.kite_access_token", default: environment["KITE_ACCESS_TOKEN"] ?? "")
        kiteCredentials = apiKey.isEmpty || accessToken.isEmpty ? nil : KiteCredentials(apiKey: apiKey, accessToken: accessToken)
        if feed == .kite && kiteCredentials == nil {
            throw ConfigError.invalidValue(key: "marketdata.kite_api_key", expected: "KITE_API_KEY and KITE_ACCESS_TOKEN in the environment "
                                           + "(or AITRAPP_MARKETDATA_KITE_API_KEY and AITRAPP_MARKETDATA_KITE_ACCESS_TOKEN) when feed is kite")
        }
        guard let mode = KiteTick.Mode(rawValue: config.string("marketdata.kite_mode", default: "full")) else {
            throw ConfigError.invalidValue(key: "marketdata.kite_mode", expected: "full, quote or ltp")
        }
        kiteMode = mode
        let tokenEntries = config.list("marketdata.kite_tokens", default: [])
        do {
            kiteTokens = tokenEntries.isEmpty ? nil : try KiteTokenMap.parse(entries: tokenEntries)
        } catch {
            throw ConfigError.invalidValue(key: "marketdata.kite_tokens", expected: error.reason)
        }
        if feed == .kite && kiteTokens == nil && instrumentsFile.isEmpty {
            throw ConfigError.invalidValue(key: "marketdata.kite_tokens", expected: "SYMBOL=token entries (or instruments_file to look symbols up in) when feed is kite")
        }
        kiteSilenceSeconds = try config.double("marketdata.kite_silence_seconds", default: 10)
        kiteChainSeconds = try config.int("marketdata.kite_chain_seconds", default: 60)
        guard kiteChainSeconds >= 0 else { throw ConfigError.invalidValue(key: "marketdata.kite_chain_seconds", expected: "0 or more seconds") }
        guard kiteSilenceSeconds > 0 else {
            throw ConfigError.invalidValue(key: "marketdata.kite_silence_seconds", expected: "a positive number of seconds")
        }
        kiteReconnectInitialMilliseconds = try config.int("marketdata.kite_reconnect_initial_ms", default: 500)
        kiteReconnectMaximumMilliseconds = try config.int("marketdata.kite_reconnect_max_ms", default: 30_000)
        guard kiteReconnectInitialMilliseconds > 0, kiteReconnectMaximumMilliseconds >= kiteReconnectInitialMilliseconds else {
            throw ConfigError.invalidValue(key: "marketdata.kite_reconnect_max_ms", expected: "at least kite_reconnect_initial_ms, which is > 0")
        }
        switch config.string("marketdata.persist_bars", default: "true").lowercased() {
        case "true": persistBars = true
        case "false": persistBars = false
        default: throw ConfigError.invalidValue(key: "marketdata.persist_bars", expected: "true or false")
        }
        persistBarsQueue = try config.int("marketdata.persist_bars_queue", default: 100_000)
        guard persistBarsQueue > 0 else { throw ConfigError.invalidValue(key: "marketdata.persist_bars_queue", expected: "a positive integer") }
        guard !timeframes.isEmpty else { throw ConfigError.invalidValue(key: "marketdata.timeframes", expected: "at least one of 1s, 5s, 1m, …") }
        guard barGraceMilliseconds >= 0 else { throw ConfigError.invalidValue(key: "marketdata.bar_grace_ms", expected: "0 or more") }
        guard ticksPerBar > 0 else { throw ConfigError.invalidValue(key: "marketdata.ticks_per_bar", expected: "a positive integer") }
        guard lotSize > 0 else { throw ConfigError.invalidValue(key: "marketdata.lot_size", expected: "a positive integer") }
        guard emaFast > 0, emaSlow > emaFast else { throw ConfigError.invalidValue(key: "marketdata.ema_slow", expected: "greater than ema_fast") }
    }

    /// Every symbol this process publishes.
    public var publishedSymbols: [String] {
        switch feed {
        case .replay: replaySources.map(\.symbol)
        case .kite: kiteTokens.map { map in map.tokens.compactMap { map.symbolsByToken[$0] } } ?? symbols
        case .sim: symbols
        }
    }

    private static func timeframe(_ text: String, key: String) throws -> Timeframe {
        guard let timeframe = Timeframe(text.trimmingCharacters(in: .whitespaces)) else {
            throw ConfigError.invalidValue(key: key, expected: "a timeframe such as 1s, 5s, 1m or 15m (at most 1 day) (got '\(text)')")
        }
        return timeframe
    }

    private static func replaySources(_ config: AppConfig) throws -> [ReplaySource] {
        var sources: [ReplaySource] = []
        for entry in config.list("marketdata.replay_files", default: []) {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ConfigError.invalidValue(key: "marketdata.replay_files", expected: "SYMBOL=path entries (got '\(entry)')")
            }
            sources.append(ReplaySource(symbol: parts[0], path: parts[1]))
        }
        let single = config.string("marketdata.replay_file", default: "")
        if !single.isEmpty {
            sources.append(ReplaySource(symbol: config.string("marketdata.replay_symbol", default: "NIFTY"), path: single))
        }
        guard Set(sources.map(\.symbol)).count == sources.count else {
            throw ConfigError.invalidValue(key: "marketdata.replay_files", expected: "one file per symbol")
        }
        return sources
    }
}
