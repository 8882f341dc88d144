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
    public static func build(values: [String: String], tickSize: Paise) throws -> [StrategySlot] {
        let enabledText = values["strategies.enabled"] ?? ""
        let enabled = enabledText.isEmpty ? names
            : enabledText.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for name in enabled where !names.contains(name) {
            throw StrategyConfigError(key: "strategies.enabled", expected: "names from \(names.joined(separator: ", ")), got '\(name)'")
        }
        for key in values.keys.sorted() where key.hasPrefix("strategies.") && key != "strategies.enabled" {
            let section = key.dropFirst("strategies.".count).split(separator: ".").first.map(String.init) ?? ""
            guard names.contains(section) else { throw StrategyConfigError(key: key, expected: "not a known strategy section") }
        }
        return try names.filter(enabled.contains).map { name in
            var reader = StrategyConfigReader(prefix: "strategies.\(name)", values: section(name, of: values))
            let strategy = try make(name, reader: &reader, tickSize: tickSize)
            let regimes = try reader.regimes("regimes", default: strategy.defaultRegimes)
            let cooldown = try reader.int("cooldown_minutes", default: defaultCooldownMinutes[name] ?? 15, in: 0...10_000)
            try reader.checkNoUnknownKeys()
            return StrategySlot(strategy: strategy, regimes: regimes, cooldownMinutes: cooldown)
        }
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
