import Foundation
import ServiceKit
import TradingCore

/// executor's section of the configuration (`executor.*`, `executor.paper.*`, `executor.exits.*`).
struct ExecutorSettings: Sendable {
    var broker: PaperBrokerConfig
    var exits: ExitPolicy
    /// The Indian F&O charges (`risk_gate.charges.*`, shared with risk-gate's sizing).
    var charges: ChargeSchedule
    var tickSize: Paise
    var retry: RetryPolicy
    /// Seed of the retry jitter (same failures, same waits).
    var retrySeed: UInt64
    /// How many times a stop that fails (rejected, cancelled by the broker) is placed before
    /// the position is closed at market with a CRITICAL risk event.
    var stopPlacementAttempts: Int
    /// The order poll backstop: every broker order's state this often (0: off).
    var pollMilliseconds: Int
    /// Kite (LIVE): where orders go; nil credentials = no live broker.
    var kite: KiteOrderBrokerConfig
    var kiteCredentials: KiteCredentials?
    /// The order-update postback listener (LIVE with `KITE_API_SECRET`); port 0 = off.
    var postbackHost: String
    var postbackPort: Int
    var postbackPath: String
    /// How often LIVE compares Postgres's open positions with Kite's net positions (0 = never).
    var reconcilePositionsMilliseconds: Int
    var ordersPerSecond: Double
    /// A market order with no tick for this long fills against the last known quote.
    var staleQuoteMilliseconds: Int
    /// Approved decisions without an order, younger than this, are executed on start.
    var adoptDecisionSeconds: Int
    /// How long flatten waits for every exit to fill before it reports failure.
    var flattenTimeoutMilliseconds: Int
    /// Test hook: exit the process (SIGKILL to self) right after the first entry fill is
    /// committed and before its stop is placed. Never set in production.
    var crashAfterEntryFill: Bool

    init(config: AppConfig, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        func positive(_ key: String, _ value: Double) throws -> Double {
            guard value >= 0 else { throw ConfigError.invalidValue(key: key, expected: "a non-negative number") }
            return value
        }
        func fraction(_ key: String, _ value: Double) throws -> Double {
            guard (0...1).contains(value) else { throw ConfigError.invalidValue(key: key, expected: "a number from 0 to 1") }
            return value
        }
        let tick = try config.paise("marketdata.tick_size", default: Paise(5))
        guard tick > .zero else { throw ConfigError.invalidValue(key: "marketdata.tick_size", expected: "a positive amount") }
        tickSize = tick
        var freeze: [String: Int] = [:]
        for entry in config.list("executor.freeze_quantities", default: ["NIFTY=1800", "BANKNIFTY=900", "FINNIFTY=1800", "MIDCPNIFTY=4200"]) {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let units = Int(parts[1]), units > 0 else {
                throw ConfigError.invalidValue(key: "executor.freeze_quantities", expected: "SYMBOL=units entries")
            }
            freeze[parts[0]] = units
        }
        let seed = try config.int("executor.paper.seed", default: 42)
        broker = PaperBrokerConfig(
            seed: UInt64(max(0, seed)),
            spreadSlippageFraction: try positive("executor.paper.spread_slippage_fraction",
                                                 config.double("executor.paper.spread_slippage_fraction", default: 0.5)),
            impactBpsPerThousandUnits: try positive("executor.paper.impact_bps_per_1000_units",
                                                    config.double("executor.paper.impact_bps_per_1000_units", default: 1.0)),
            tickSize: tick,
            limitFillProbability: try fraction("executor.paper.limit_fill_probability",
                                               config.double("executor.paper.limit_fill_probability", default: 1.0)),
            partialFillProbability: try fraction("executor.paper.partial_fill_probability",
                                                 config.double("executor.paper.partial_fill_probability", default: 0)),
            partialFillFraction: try fraction("executor.paper.partial_fill_fraction",
                                              config.double("executor.paper.partial_fill_fraction", default: 0.3)),
            latencyMilliseconds: Int(try positive("executor.paper.latency_ms", Double(config.int("executor.paper.latency_ms", default: 0)))),
            freezeQuantities: freeze,
            priceBandFraction: try positive("executor.paper.price_band_pct", config.double("executor.paper.price_band_pct", default: 10)) / 100,
            marginFraction: try fraction("executor.paper.margin_fraction", config.double("executor.paper.margin_fraction", default: 0.15)),
            availableMargin: try config.paise("executor.paper.available_margin", default: Paise(100_000_000_00)))
        exits = try ExitPolicy(section: config.section(ExitPolicy.configSection),
                               capital: try config.paise("risk_gate.capital", default: Paise(1_000_000_00)))
        charges = try ChargeSchedule(section: config.section(ChargeSchedule.configSection))
        retry = RetryPolicy(maxAttempts: try config.int("executor.retry.max_attempts", default: 5),
                            baseMilliseconds: try config.int("executor.retry.base_ms", default: 100),
                            capMilliseconds: try config.int("executor.retry.cap_ms", default: 2_000), jitter: 0.5)
        retrySeed = UInt64(max(0, try config.int("executor.retry.seed", default: 17)))
        stopPlacementAttempts = max(1, try config.int("executor.stop_placement_attempts", default: 2))
        pollMilliseconds = max(0, try config.int("executor.poll_ms", default: 2_000))
        let variety = config.string("executor.kite.variety", default: "regular")
        guard let kiteVariety = KiteRESTClient.Variety(rawValue: variety) else {
            throw ConfigError.invalidValue(key: "executor.kite.variety", expected: "regular or autoslice")
        }
        let protection = config.string("executor.kite.market_protection", default: "")
        guard protection.isEmpty || Int(protection) != nil else {
            throw ConfigError.invalidValue(key: "executor.kite.market_protection", expected: "an integer (-1: Kite's automatic) or empty")
        }
        kite = KiteOrderBrokerConfig(baseURL: config.string("executor.kite.base_url", default: "https://api.kite.trade"),
                                     exchange: config.string("executor.kite.exchange", default: "NFO"),
                                     product: config.string("executor.kite.product", default: "MIS"), variety: kiteVariety,
                                     marketProtection: Int(protection),
                                     timeoutSeconds: Double(max(100, try config.int("executor.kite.timeout_ms", default: 7_000))) / 1000)
        let apiKey = environment["KITE_API_KEY"] ?? ""
        let accessToken = environment["KITE_ACCESS_TOKEN"] ?? ""
        kiteCredentials = apiKey.isEmpty || accessToken.isEmpty ? nil
            : KiteCredentials(apiKey: apiKey, accessToken: accessToken, apiSecret: environment["KITE_API_SECRET"] ?? "")
        postbackHost = config.string("executor.kite.postback_host", default: "127.0.0.1")
        postbackPort = try config.int("executor.kite.postback_port", default: 9114)
        guard (0...65535).contains(postbackPort) else {
            throw ConfigError.invalidValue(key: "executor.kite.postback_port", expected: "a port from 0 (off) to 65535")
        }
        postbackPath = config.string("executor.kite.postback_path", default: "/kite/postback")
        reconcilePositionsMilliseconds = max(0, try config.int("executor.kite.reconcile_positions_ms", default: 60_000))
        ordersPerSecond = try positive("executor.orders_per_second", config.double("executor.orders_per_second", default: 10))
        staleQuoteMilliseconds = try config.int("executor.paper.stale_quote_ms", default: 1_000)
        adoptDecisionSeconds = try config.int("executor.adopt_decision_seconds", default: 300)
        flattenTimeoutMilliseconds = try config.int("executor.flatten_timeout_ms", default: 2_000)
        crashAfterEntryFill = config.string("executor.test_crash_after_entry_fill", default: "false") == "true"
    }
}
