import ServiceKit
import TradingCore

/// marketdata's section of the configuration, validated at start.
struct MarketdataSettings: Sendable {
    enum Feed: String, Sendable { case sim, replay }

    var feed: Feed
    var replayFile: String
    var replaySymbol: String
    var replayIntervalMilliseconds: Int
    var seed: UInt64
    var symbols: [String]
    var basePrice: Paise
    var ticksPerBar: Int
    var simBarMilliseconds: Int
    var emaFast: Int
    var emaSlow: Int
    var atrPeriod: Int
    var lotSize: Int
    var tickSize: Paise
    /// A Kite instrument dump (`GET /instruments` CSV) to load into `instruments`; empty: none.
    var instrumentsFile: String
    /// F&O stocks of the universe besides the indices.
    var universeStocks: [String]
    /// Symbols on the F&O ban list, left out of the universe.
    var banList: [String]

    init(config: AppConfig) throws {
        let feedName = config.string("marketdata.feed", default: "sim")
        guard let feed = Feed(rawValue: feedName) else { throw ConfigError.invalidValue(key: "marketdata.feed", expected: "sim or replay") }
        self.feed = feed
        replayFile = config.string("marketdata.replay_file", default: "")
        if feed == .replay && replayFile.isEmpty {
            throw ConfigError.invalidValue(key: "marketdata.replay_file", expected: "a CSV path when feed is replay")
        }
        replaySymbol = config.string("marketdata.replay_symbol", default: "NIFTY")
        replayIntervalMilliseconds = try config.int("marketdata.replay_interval_ms", default: 50)
        seed = UInt64(max(0, try config.int("marketdata.seed", default: 42)))
        symbols = config.list("marketdata.symbols", default: ["NIFTY"])
        basePrice = try config.paise("marketdata.base_price", default: Paise(2_450_000))
        ticksPerBar = try config.int("marketdata.ticks_per_bar", default: 12)
        simBarMilliseconds = try config.int("marketdata.sim_bar_ms", default: 500)
        emaFast = try config.int("marketdata.ema_fast", default: 9)
        emaSlow = try config.int("marketdata.ema_slow", default: 21)
        atrPeriod = try config.int("marketdata.atr_period", default: 14)
        lotSize = try config.int("marketdata.lot_size", default: 75)
        tickSize = try config.paise("marketdata.tick_size", default: Paise(5))
        instrumentsFile = config.string("marketdata.instruments_file", default: "")
        universeStocks = config.list("marketdata.universe_stocks", default: [])
        banList = config.list("marketdata.ban_list", default: [])
        guard ticksPerBar > 0 else { throw ConfigError.invalidValue(key: "marketdata.ticks_per_bar", expected: "a positive integer") }
        guard lotSize > 0 else { throw ConfigError.invalidValue(key: "marketdata.lot_size", expected: "a positive integer") }
        guard emaFast > 0, emaSlow > emaFast else { throw ConfigError.invalidValue(key: "marketdata.ema_slow", expected: "greater than ema_fast") }
    }

    /// Every symbol this process publishes.
    var publishedSymbols: [String] { feed == .replay ? [replaySymbol] : symbols }
}
