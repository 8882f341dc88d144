import Testing
import TradingCore

@Suite("Strategy configuration")
struct StrategyBookTests {
    static func error(_ values: [String: String]) -> StrategyConfigError? {
        do {
            _ = try StrategyBook.build(values: values, tickSize: Paise(5))
            return nil
        } catch let error as StrategyConfigError {
            return error
        } catch {
            return nil
        }
    }

    @Test("with no configuration every strategy runs with its defaults, in a fixed order")
    func defaults() throws {
        let slots = try StrategyBook.build(values: [:], tickSize: Paise(5))
        #expect(slots.map(\.name) == ["ema_cross", "orb", "trend_pullback", "vwap_pullback", "vwap_reversion", "donchian_retest",
                                      "options_ranker", "iron_condor"])
        #expect(slots.first { $0.name == "iron_condor" }?.regimes == [.range])
        #expect(StrategyBook.requiredEmaPeriods(slots) == [34, 89])
    }

    @Test("values are applied; enabled picks the strategies")
    func applies() throws {
        let slots = try StrategyBook.build(values: ["strategies.enabled": "orb, iron_condor", "strategies.orb.confirmations": "2",
                                                    "strategies.orb.regimes": "TREND", "strategies.orb.cooldown_minutes": "30"],
                                           tickSize: Paise(5))
        #expect(slots.map(\.name) == ["orb", "iron_condor"])
        #expect((slots[0].strategy as? OpeningRangeBreakoutStrategy)?.parameters.confirmations == 2)
        #expect(slots[0].regimes == [.trend] && slots[0].cooldownMinutes == 30)
    }

    @Test("a strategy that is off is checked too: a typo in its section fails now, not the day it is turned on")
    func disabledSectionsAreChecked() throws {
        let error = Self.error(["strategies.enabled": "ema_cross", "strategies.vwap_pullback.bogus_key": "1"])
        #expect(error?.key == "strategies.vwap_pullback.bogus_key")
        #expect(Self.error(["strategies.enabled": "ema_cross", "strategies.orb.confirmations": "0"])?.key == "strategies.orb.confirmations")
        #expect(Self.error(["strategies.enabled": "ema_cross, orb", "strategies.orb.confirmations": "2"]) == nil)
        #expect(throws: StrategyConfigError.self) { try StrategyBook.enabledNames("ema_cross, foo_strat") }
        #expect(try StrategyBook.enabledNames("") == StrategyBook.names)
    }

    @Test("ema_cross takes fast / slow or ema_fast / ema_slow, not both; marketdata's periods fill in")
    func emaCrossPeriodNames() throws {
        func periods(_ values: [String: String]) throws -> (Int, Int)? {
            let slots = try StrategyBook.build(values: StrategyBook.inheritingDefaults(values), tickSize: Paise(5))
            return (slots.first?.strategy as? EmaCrossStrategy).map { ($0.parameters.emaFast, $0.parameters.emaSlow) }
        }
        let enabled = ["strategies.enabled": "ema_cross"]
        #expect(try periods(enabled.merging(["strategies.ema_cross.fast": "20", "strategies.ema_cross.slow": "50"]) { $1 })! == (20, 50))
        #expect(try periods(enabled.merging(["strategies.ema_cross.ema_fast": "12", "strategies.ema_cross.ema_slow": "26"]) { $1 })! == (12, 26))
        #expect(try periods(enabled.merging(["marketdata.ema_fast": "5", "marketdata.ema_slow": "13"]) { $1 })! == (5, 13))
        // Its own `fast` wins over marketdata's period without clashing with the inherited name.
        #expect(try periods(enabled.merging(["marketdata.ema_fast": "5", "strategies.ema_cross.fast": "8"]) { $1 })! == (8, 21))
        #expect(Self.error(enabled.merging(["strategies.ema_cross.fast": "20", "strategies.ema_cross.ema_fast": "20"]) { $1 })?.key
                == "strategies.ema_cross.fast")
        // An override (a validation grid cell) replaces the setting under whichever name the config used.
        let overridden = StrategyBook.overriding(enabled.merging(["strategies.ema_cross.fast": "20"]) { $1 },
                                                 key: "strategies.ema_cross.ema_fast", with: "12")
        #expect(try periods(overridden)! == (12, 21) && overridden["strategies.ema_cross.fast"] == nil)
    }

    @Test("every error names the bad key")
    func errorsNameTheKey() {
        #expect(Self.error(["strategies.orb.confirmations": "three"])?.key == "strategies.orb.confirmations")
        #expect(Self.error(["strategies.orb.confirmation": "3"])?.key == "strategies.orb.confirmation")
        #expect(Self.error(["strategies.orb.last_entry": "25:00"])?.key == "strategies.orb.last_entry")
        #expect(Self.error(["strategies.orb.stop_mode": "near"])?.key == "strategies.orb.stop_mode")
        #expect(Self.error(["strategies.trend_pullback.min_adx": "120"])?.key == "strategies.trend_pullback.min_adx")
        #expect(Self.error(["strategies.trend_pullback.ema_slow": "20"])?.key == "strategies.trend_pullback.ema_slow")
        #expect(Self.error(["strategies.iron_condor.regimes": "SIDEWAYS"])?.key == "strategies.iron_condor.regimes")
        #expect(Self.error(["strategies.enabled": "orb,scalper"])?.key == "strategies.enabled")
        #expect(Self.error(["strategies.scalper.size": "1"])?.key == "strategies.scalper.size")
        #expect(Self.error(["strategies.ema_cross.ema_fast": "30"])?.key == "strategies.ema_cross.ema_fast")
        #expect(Self.error(["strategies.orb.confirmations": "three"])?.description.contains("three") == true)
    }

    @Test("ranking and regime sections are validated the same way")
    func rankingAndRegime() throws {
        var weights = StrategyConfigReader(prefix: "strategy_ranker.ranking", values: [
            "weight_momentum": "0", "weight_trend": "0", "weight_liquidity": "0", "weight_regime_fit": "0", "weight_reward_risk": "0",
        ])
        #expect(throws: StrategyConfigError(key: "strategy_ranker.ranking.weight_momentum", expected: "weights that sum to more than 0")) {
            try RankingParameters(config: &weights)
        }
        var good = StrategyConfigReader(prefix: "strategy_ranker.ranking", values: ["top_n": "3", "weight_trend": "0.5",
                                                                                      "correlated_groups": "NIFTY|BANKNIFTY"])
        let parameters = try RankingParameters(config: &good)
        #expect(parameters.topN == 3 && parameters.weights[.trend] == 0.5 && parameters.correlatedGroups == [["NIFTY", "BANKNIFTY"]])
        var regime = StrategyConfigReader(prefix: "strategy_ranker.regime", values: ["adx_range": "30"])
        #expect(throws: StrategyConfigError.self) { try RegimeClassifier.Parameters(config: &regime) }
    }
}
