import Foundation

/// Everything a backtest is configured with, built from the same flattened configuration the
/// services read (`strategies.*`, `strategy_ranker.*`, `marketdata.*`, `risk_gate.*`,
/// `executor.slippage_bps`) plus a `backtest.*` section. Every `backtest.*` key is checked: an
/// unknown key or a bad value is an error naming it, raised before the run.
public struct BacktestSettings: Sendable {
    public var pipeline: PipelineSettings
    public var limits: RiskLimits
    /// The EMA / ATR periods of the bar snapshot (as marketdata publishes them).
    public var emaFast: Int
    public var emaSlow: Int
    public var atrPeriod: Int
    public var fillRule: FillRule
    /// Market fills (entries, stops, flattens) move this many basis points against the trader.
    public var slippageBps: Double
    /// An extra uniform 0…jitter bps of adverse slippage per market fill, drawn from `seed`.
    public var slippageJitterBps: Double
    public var seed: UInt64
    /// Whether trades pay `limits.charges` (off for a charge-free comparison).
    public var chargesEnabled: Bool
    /// Units per lot of every traded symbol unless `lotSizes` names it.
    public var lotSize: Int
    public var lotSizes: [String: Int]
    /// Positions still open at this IST minute are flattened at the open of the first bar at
    /// or after it; pending entries whose fill bar would start there are cancelled.
    public var flattenMinute: Int
    /// Whether SELL signals (shorts) are traded.
    public var allowShort: Bool
    /// Stress: a triggered stop fills at the bar's worst price (low for a long, high for a short)
    /// instead of at the stop, as if the market gapped through it (`backtest.stop_fill: bar_extreme`).
    public var stopFillsAtBarExtreme = false
    /// TP2 (`backtest.tp2: true`): TP1 closes `target1Fraction` of the position in whole lots at the
    /// signal's target, the stop then moves to the entry (breakeven, as `OcoGroup` does), and the rest
    /// closes at the signal's TP2 or the stop. Off: TP1 closes everything.
    public var useTarget2 = false
    /// The share TP1 closes when TP2 is on (`executor.exits.tp1_fraction`, 0.5).
    public var target1Fraction = 0.5
    /// The executor's OCO plan and exit rules (the default), or the signal's bracket.
    public var exits: BacktestExits

    public init(pipeline: PipelineSettings, limits: RiskLimits, emaFast: Int = 9, emaSlow: Int = 21, atrPeriod: Int = 14,
                fillRule: FillRule = .nextOpen, slippageBps: Double = 2, slippageJitterBps: Double = 0, seed: UInt64 = 42,
                chargesEnabled: Bool = true, lotSize: Int = 75, lotSizes: [String: Int] = [:], flattenMinute: Int = 15 * 60 + 20,
                allowShort: Bool = true, exits: BacktestExits = .executor(ExitPolicy())) {
        self.pipeline = pipeline
        self.exits = exits
        self.limits = limits
        self.emaFast = emaFast
        self.emaSlow = emaSlow
        self.atrPeriod = atrPeriod
        self.fillRule = fillRule
        self.slippageBps = slippageBps
        self.slippageJitterBps = slippageJitterBps
        self.seed = seed
        self.chargesEnabled = chargesEnabled
        self.lotSize = lotSize
        self.lotSizes = lotSizes
        self.flattenMinute = flattenMinute
        self.allowShort = allowShort
    }

    public func lotSize(of symbol: String) -> Int { lotSizes[symbol] ?? lotSize }

    /// The facts risk-gate sizes an index / future with in a backtest: a future-like contract
    /// of the configured lot size, in the universe, not banned.
    public func instrument(_ symbol: String) -> InstrumentFacts {
        InstrumentFacts(symbol: symbol, underlying: symbol, kind: .future, lotSize: lotSize(of: symbol), tickSize: pipeline.tickSize)
    }
}

extension BacktestSettings {
    /// The `backtest.*` keys (without the prefix) this reads.
    public static let backtestKeys = ["fill_rule", "slippage_bps", "slippage_jitter_bps", "seed", "charges", "lot_size",
                                      "lot_sizes", "flatten_at", "allow_short", "stop_fill", "tp2", "exits"]

    /// Builds the settings from flattened `section.key` → text. Defaults are the shipped config's.
    public init(values: [String: String]) throws {
        let values = StrategyBook.inheritingDefaults(values)
        var market = StrategyConfigReader(prefix: "marketdata", values: Self.section("marketdata", of: values))
        let tick = try market.double("tick_size", default: 0.05, in: 0.01...1000)
        let tickSize = Paise(rupees: tick)
        let emaFast = try market.int("ema_fast", default: 9, in: 1...1000)
        let emaSlow = try market.int("ema_slow", default: 21, in: 1...1000)
        let atrPeriod = try market.int("atr_period", default: 14, in: 1...1000)

        let slots = try StrategyBook.build(values: values.filter { $0.key.hasPrefix("strategies.") }, tickSize: tickSize)
        var rankingReader = StrategyConfigReader(prefix: "strategy_ranker.ranking", values: Self.section("strategy_ranker.ranking", of: values))
        var regimeReader = StrategyConfigReader(prefix: "strategy_ranker.regime", values: Self.section("strategy_ranker.regime", of: values))
        var ranker = StrategyConfigReader(prefix: "strategy_ranker", values: Self.section("strategy_ranker", of: values))
        let historyBars = try ranker.int("history_bars", default: 500, in: 2...100_000)
        let pipeline = PipelineSettings(slots: slots, ranking: try RankingParameters(config: &rankingReader),
                                        regime: try RegimeClassifier.Parameters(config: &regimeReader), tickSize: tickSize,
                                        timeframeSeconds: 60, historyBars: historyBars)

        var risk = StrategyConfigReader(prefix: "risk_gate", values: Self.section("risk_gate", of: values))
        var limits = RiskLimits(capital: Paise(rupees: try risk.double("capital", default: 1_000_000, in: 1...1e13)),
                                riskPerTradePercent: try risk.double("risk_per_trade_pct", default: 0.5, in: 0.001...100),
                                maxOpenPositions: try risk.int("max_open_positions", default: 1, in: 1...10_000),
                                maxLotsPerTrade: try risk.int("max_lots_per_trade", default: 10, in: 1...100_000))
        limits.portfolioHeatPercent = try risk.double("portfolio_heat_pct", default: limits.portfolioHeatPercent, in: 0.001...100)
        limits.dailyLossPercent = try risk.double("daily_loss_pct", default: limits.dailyLossPercent, in: 0.001...100)
        limits.dailyLossR = try risk.double("daily_loss_r", default: limits.dailyLossR, in: 0.1...1000)
        limits.weeklyLossR = try risk.double("weekly_loss_r", default: limits.weeklyLossR, in: 0.1...1000)
        limits.maxTradesPerDay = try risk.int("max_trades_per_day", default: limits.maxTradesPerDay, in: 1...100_000)
        limits.maxExposurePerUnderlying = Paise(rupees: try risk.double("max_exposure_per_underlying",
                                                                        default: limits.maxExposurePerUnderlying.rupees, in: 1...1e15))
        limits.marginPercent = try risk.double("margin_pct", default: limits.marginPercent, in: 0...100)
        limits.entryWindowStartMinute = try risk.time("entry_window_start", default: "09:20")
        limits.entryWindowEndMinute = try risk.time("entry_window_end", default: "15:10")
        limits.charges = try ChargeSchedule(section: Self.section(ChargeSchedule.configSection, of: values))

        var executor = StrategyConfigReader(prefix: "executor", values: Self.section("executor", of: values))
        let executorSlippage = try executor.double("slippage_bps", default: 2, in: 0...10_000)
        let policy = try ExitPolicy(section: Self.section(ExitPolicy.configSection, of: values), capital: limits.capital)

        var backtest = StrategyConfigReader(prefix: "backtest", values: Self.section("backtest", of: values))
        let fill = try backtest.choice("fill_rule", default: FillRule.nextOpen.rawValue, from: FillRule.allCases.map(\.rawValue))
        let slippage = try backtest.double("slippage_bps", default: executorSlippage, in: 0...10_000)
        let jitter = try backtest.double("slippage_jitter_bps", default: 0, in: 0...10_000)
        let seed = try backtest.int("seed", default: 42, in: 0...Int.max)
        let charges = try backtest.bool("charges", default: true)
        let lotSize = try backtest.int("lot_size", default: 75, in: 1...1_000_000)
        var lotSizes: [String: Int] = [:]
        for entry in backtest.list("lot_sizes", default: []) {
            let parts = entry.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let size = Int(parts[1]), size > 0 else {
                throw StrategyConfigError(key: "backtest.lot_sizes", expected: "SYMBOL=LOTS entries like NIFTY=75, got '\(entry)'")
            }
            lotSizes[parts[0]] = size
        }
        let flatten = try backtest.time("flatten_at", default: "15:20")
        let allowShort = try backtest.bool("allow_short", default: true)
        let stopFill = try backtest.choice("stop_fill", default: "stop", from: ["stop", "bar_extreme"])
        let tp2 = try backtest.bool("tp2", default: false)
        let exitMode = try backtest.choice("exits", default: "executor", from: BacktestExits.names)
        try backtest.checkNoUnknownKeys()
        // The bar snapshot carries the EMA cross's own periods (a strategy reading `ema_20` from a
        // snapshot that only has `ema_9` would never signal).
        var periods = (fast: emaFast, slow: emaSlow, atr: atrPeriod)
        if let cross = slots.lazy.compactMap({ $0.strategy as? EmaCrossStrategy }).first {
            periods = (cross.parameters.emaFast, cross.parameters.emaSlow, cross.parameters.atrPeriod)
        }

        self.init(pipeline: pipeline, limits: limits, emaFast: periods.fast, emaSlow: periods.slow, atrPeriod: periods.atr,
                  fillRule: FillRule(rawValue: fill) ?? .nextOpen, slippageBps: slippage, slippageJitterBps: jitter,
                  seed: UInt64(seed), chargesEnabled: charges, lotSize: lotSize, lotSizes: lotSizes, flattenMinute: flatten,
                  allowShort: allowShort, exits: exitMode == "bracket" ? .bracket : .executor(policy))
        stopFillsAtBarExtreme = stopFill == "bar_extreme"
        useTarget2 = tp2
        target1Fraction = policy.target1Fraction
    }

    static func section(_ prefix: String, of values: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in values where key.hasPrefix(prefix + ".") {
            let rest = String(key.dropFirst(prefix.count + 1))
            // Only direct keys: `strategy_ranker.ranking.x` is not a key of `strategy_ranker`.
            if prefix == "strategy_ranker", rest.contains(".") { continue }
            result[rest] = value
        }
        return result
    }

    /// The resolved settings as `key=value` text (sorted): what `config_sha` is computed over. Risk,
    /// charges, exits and backtest settings are resolved values; the enabled strategies' keys and
    /// `strategy_ranker.*` are as given (a default written out in the YAML is a different text from
    /// one left out), and the sections of strategies that do not run are left out.
    public func effectiveValues(strategyValues: [String: String]) -> [String: String] {
        let enabled = Set(pipeline.slots.map(\.name))
        var values = strategyValues.filter { key, _ in
            if key.hasPrefix("strategy_ranker.") { return true }
            guard key.hasPrefix("strategies.") else { return false }
            return enabled.contains(key.dropFirst("strategies.".count).split(separator: ".").first.map(String.init) ?? "")
        }
        values["strategies.enabled"] = pipeline.slots.map(\.name).joined(separator: ",")
        values["marketdata.tick_size"] = pipeline.tickSize.rupeeString
        values["marketdata.ema_fast"] = String(emaFast)
        values["marketdata.ema_slow"] = String(emaSlow)
        values["marketdata.atr_period"] = String(atrPeriod)
        values["risk_gate.capital"] = limits.capital.rupeeString
        values["risk_gate.risk_per_trade_pct"] = "\(limits.riskPerTradePercent)"
        values["risk_gate.max_open_positions"] = String(limits.maxOpenPositions)
        values["risk_gate.max_lots_per_trade"] = String(limits.maxLotsPerTrade)
        values["risk_gate.portfolio_heat_pct"] = "\(limits.portfolioHeatPercent)"
        values["risk_gate.daily_loss_pct"] = "\(limits.dailyLossPercent)"
        values["risk_gate.daily_loss_r"] = "\(limits.dailyLossR)"
        values["risk_gate.weekly_loss_r"] = "\(limits.weeklyLossR)"
        values["risk_gate.max_trades_per_day"] = String(limits.maxTradesPerDay)
        values["risk_gate.max_exposure_per_underlying"] = limits.maxExposurePerUnderlying.rupeeString
        values["risk_gate.margin_pct"] = "\(limits.marginPercent)"
        values["risk_gate.entry_window_start"] = EntryWindow.label(limits.entryWindowStartMinute)
        values["risk_gate.entry_window_end"] = EntryWindow.label(limits.entryWindowEndMinute)
        values.merge(limits.charges.configValues) { _, charges in charges }
        values["backtest.fill_rule"] = fillRule.rawValue
        values["backtest.slippage_bps"] = "\(slippageBps)"
        values["backtest.slippage_jitter_bps"] = "\(slippageJitterBps)"
        values["backtest.seed"] = String(seed)
        values["backtest.charges"] = chargesEnabled ? "true" : "false"
        values["backtest.lot_size"] = String(lotSize)
        values["backtest.lot_sizes"] = lotSizes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        values["backtest.flatten_at"] = EntryWindow.label(flattenMinute)
        values["backtest.allow_short"] = allowShort ? "true" : "false"
        values["backtest.stop_fill"] = stopFillsAtBarExtreme ? "bar_extreme" : "stop"
        values["backtest.tp2"] = useTarget2 ? "true" : "false"
        values["backtest.exits"] = exits.name
        if let policy = exits.policy {
            values.merge(policy.configValues) { _, policy in policy }
        } else if useTarget2 {
            values["executor.exits.tp1_fraction"] = "\(target1Fraction)"
        }
        return values
    }

    /// Sorted `key=value` lines.
    public static func canonicalText(_ values: [String: String]) -> String {
        values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
    }
}
