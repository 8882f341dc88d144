/// Builds the enabled strategies from the flattened configuration (`strategies.enabled` and one
/// `strategies.<name>` section each), validating every key: a bad value or an unknown key is an
/// error naming it.
public enum StrategyBook {
    /// Every strategy the book knows, in evaluation order.
    public static let names = [EmaCrossStrategy.name, OpeningRangeBreakoutStrategy.name, TrendPullbackStrategy.name,
                               VWAPPullbackStrategy.name, VWAPReversionStrategy.name, DonchianRetestStrategy.name,
                               OptionsRankerStrategy.name, IronCondorStrategy.name]

    /// Default cooldowns: once per session for the condor, a quarter hour for the intraday setups.
    static let defaultCooldownMinutes = [EmaCrossStrategy.name: 0, OpeningRangeBreakoutStrategy.name: 0,
                                         OptionsRankerStrategy.name: 30, IronCondorStrategy.name: 375]

    /// `values` are full keys (`strategies.orb.confirmations`) → text; other sections are ignored.
    /// Every section in `values` is checked, the enabled strategies' and the others' alike, so a
    /// typo in a strategy that is off today fails now rather than the day it is turned on.
    public static func build(values: [String: String], tickSize: Paise) throws -> [StrategySlot] {
        let enabled = try enabledNames(values["strategies.enabled"] ?? "")
        var configured: Set<String> = []
        for key in values.keys.sorted() where key.hasPrefix("strategies.") && key != "strategies.enabled" {
            let section = key.dropFirst("strategies.".count).split(separator: ".").first.map(String.init) ?? ""
            guard names.contains(section) else { throw StrategyConfigError(key: key, expected: "not a known strategy section") }
            configured.insert(section)
        }
        for name in names where configured.contains(name) && !enabled.contains(name) {
            _ = try slot(name, values: values, tickSize: tickSize)
        }
        return try names.filter(enabled.contains).map { try slot($0, values: values, tickSize: tickSize) }
    }

    /// The names of a `strategies.enabled` list (comma-separated; empty = every strategy), each checked.
    public static func enabledNames(_ text: String) throws -> [String] {
        let enabled = text.isEmpty ? names
            : text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for name in enabled where !names.contains(name) {
            throw StrategyConfigError(key: "strategies.enabled", expected: "names from \(names.joined(separator: ", ")), got '\(name)'")
        }
        return enabled
    }

    /// The EMA cross reads the EMAs marketdata publishes (and strategy-ranker's stop and reward
    /// settings) unless its own section sets them, under either name of the setting.
    public static func inheritingDefaults(_ values: [String: String]) -> [String: String] {
        var values = values
        let inherited = [("ema_fast", "fast", "marketdata.ema_fast"), ("ema_slow", "slow", "marketdata.ema_slow"),
                         ("atr_period", "atr_period", "marketdata.atr_period"),
                         ("stop_atr_multiple", "stop_atr_multiple", "strategy_ranker.stop_atr_multiple"),
                         ("reward_risk", "reward_risk", "strategy_ranker.reward_risk")]
        let prefix = "strategies.\(EmaCrossStrategy.name)."
        for (key, alias, source) in inherited where values[prefix + key] == nil && values[prefix + alias] == nil {
            if let value = values[source], !value.isEmpty { values[prefix + key] = value }
        }
        return values
    }

    /// Settings with two names (`strategies.ema_cross.fast` / `ema_fast`, `slow` / `ema_slow`).
    static let aliases = [("strategies.ema_cross.fast", "strategies.ema_cross.ema_fast"),
                          ("strategies.ema_cross.slow", "strategies.ema_cross.ema_slow")]

    /// `values` with `key` set to `value` and the key's other name (if it has one) removed, so an
    /// override (a validation grid cell) replaces the setting whichever name the config used.
    public static func overriding(_ values: [String: String], key: String, with value: String) -> [String: String] {
        var values = values
        for (one, other) in aliases {
            if key == one { values[other] = nil }
            if key == other { values[one] = nil }
        }
        values[key] = value
        return values
    }

    static func slot(_ name: String, values: [String: String], tickSize: Paise) throws -> StrategySlot {
        var reader = StrategyConfigReader(prefix: "strategies.\(name)", values: section(name, of: values))
        let strategy = try make(name, reader: &reader, tickSize: tickSize)
        let regimes = try reader.regimes("regimes", default: strategy.defaultRegimes)
        let cooldown = try reader.int("cooldown_minutes", default: defaultCooldownMinutes[name] ?? 15, in: 0...10_000)
        try reader.checkNoUnknownKeys()
        return StrategySlot(strategy: strategy, regimes: regimes, cooldownMinutes: cooldown)
    }

    static func section(_ name: String, of values: [String: String]) -> [String: String] {
        let prefix = "strategies.\(name)."
        var result: [String: String] = [:]
        for (key, value) in values where key.hasPrefix(prefix) { result[String(key.dropFirst(prefix.count))] = value }
        return result
    }

    static func make(_ name: String, reader: inout StrategyConfigReader, tickSize: Paise) throws -> any TradingStrategy {
        switch name {
        case EmaCrossStrategy.name: return try EmaCrossStrategy(config: &reader, tickSize: tickSize)
        case OpeningRangeBreakoutStrategy.name: return try OpeningRangeBreakoutStrategy(config: &reader)
        case TrendPullbackStrategy.name: return try TrendPullbackStrategy(config: &reader)
        case VWAPPullbackStrategy.name: return try VWAPPullbackStrategy(config: &reader)
        case VWAPReversionStrategy.name: return try VWAPReversionStrategy(config: &reader)
        case DonchianRetestStrategy.name: return try DonchianRetestStrategy(config: &reader)
        case OptionsRankerStrategy.name: return try OptionsRankerStrategy(config: &reader)
        default: return try IronCondorStrategy(config: &reader)
        }
    }

    /// The EMA periods the service must add to each bar's snapshot (those marketdata does not publish).
    public static func requiredEmaPeriods(_ slots: [StrategySlot]) -> [Int] {
        Array(Set(slots.flatMap { ($0.strategy as? TrendPullbackStrategy)?.requiredEmaPeriods ?? [] })).sorted()
    }
}
