import Foundation
import ServiceKit
import TradingCore

/// strategy-ranker's configuration read from the YAML (+ environment): the strategies
/// (`strategies.*`), ranking (`strategy_ranker.ranking.*`), regime (`strategy_ranker.regime.*`),
/// the event calendar file and expiry rules. Every error names its key.
struct RankerSettings: Sendable {
    var pipeline: PipelineSettings
    var timeframe: String
    /// Whether option-structure signals are passed on to risk-gate (the executor trades the underlying only).
    var publishOptionSignals: Bool
    var configSha: String
    var strategyNames: [String]

    static func load(_ config: AppConfig, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RankerSettings {
        let tickSize = try config.paise("marketdata.tick_size", default: Paise(5))
        let values = StrategyBook.inheritingDefaults(config.values).filter { $0.key.hasPrefix("strategies.") }
        let slots = try StrategyBook.build(values: values, tickSize: tickSize)
        var rankingReader = StrategyConfigReader(prefix: "strategy_ranker.ranking", values: config.section("strategy_ranker.ranking"))
        var regimeReader = StrategyConfigReader(prefix: "strategy_ranker.regime", values: config.section("strategy_ranker.regime"))
        let timeframeText = config.string("strategy_ranker.timeframe", default: "1m")
        guard let timeframe = Timeframe(timeframeText) else {
            throw ConfigError.invalidValue(key: "strategy_ranker.timeframe", expected: "a timeframe like 1m or 5m")
        }
        let (calendar, calendarText) = try loadCalendar(config, environment: environment)
        let pipeline = PipelineSettings(
            slots: slots, ranking: try RankingParameters(config: &rankingReader),
            regime: try RegimeClassifier.Parameters(config: &regimeReader), calendar: calendar, tickSize: tickSize,
            timeframeSeconds: timeframe.seconds,
            historyBars: try config.int("strategy_ranker.history_bars", default: 500),
            ivHistorySamples: try config.int("strategy_ranker.iv_history_samples", default: 500),
            chainMaxAgeSeconds: Double(try config.int("strategy_ranker.chain_max_age_seconds", default: 600)))
        guard pipeline.historyBars >= 2 else { throw ConfigError.invalidValue(key: "strategy_ranker.history_bars", expected: "at least 2") }
        let publishOptions = config.string("strategy_ranker.publish_option_signals", default: "false")
        guard ["true", "false"].contains(publishOptions) else {
            throw ConfigError.invalidValue(key: "strategy_ranker.publish_option_signals", expected: "true or false")
        }
        let sha = SHA256.hex(config.canonicalText(sections: ["marketdata", "strategy_ranker", "strategies"]) + "\n" + calendarText)
        return RankerSettings(pipeline: pipeline, timeframe: timeframe.label, publishOptionSignals: publishOptions == "true",
                              configSha: sha, strategyNames: slots.map(\.name))
    }

    /// `strategy_ranker.events_file` (relative to the config file's folder) on top of the shared
    /// trading calendar (`calendar.*`: holidays, special sessions, expiry rules).
    static func loadCalendar(_ config: AppConfig, environment: [String: String]) throws -> (EventCalendar, String) {
        let trading = try TradingCalendarLoader.load(config, environment: environment)
        let file = config.string("strategy_ranker.events_file", default: "")
        guard !file.isEmpty else { return (EventCalendar(trading: trading.calendar), trading.text) }
        let configPath = environment["AITRAPP_CONFIG"] ?? "deploy/config/aitrapp.yaml"
        let path = file.hasPrefix("/") ? file
            : URL(fileURLWithPath: configPath).deletingLastPathComponent().appendingPathComponent(file).path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError.invalidValue(key: "strategy_ranker.events_file", expected: "a readable file (\(path))")
        }
        do {
            return (EventCalendar(events: try EventCalendarParser.parse(text), trading: trading.calendar), trading.text + "\n" + text)
        } catch {
            throw ConfigError.invalidValue(key: "strategy_ranker.events_file", expected: "a valid calendar: \(error)")
        }
    }
}
