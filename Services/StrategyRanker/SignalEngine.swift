import Foundation
import Logging
import Messages
import Metrics
import PostgresStore
import ServiceKit
import TradingCore

/// Feeds bars to the strategy; every signal is written to Postgres before it is published.
/// A replayed bar maps to the same (strategy, symbol, bar) row, so it is recorded once
/// and published once.
actor SignalEngine {
    private let context: ServiceKitContext
    private var strategy: EmaCrossStrategy
    private let configSha: String

    init(context: ServiceKitContext) throws {
        let config = context.config
        let parameters = EmaCrossStrategy.Parameters(
            emaFast: try config.int("marketdata.ema_fast", default: 9),
            emaSlow: try config.int("marketdata.ema_slow", default: 21),
            atrPeriod: try config.int("marketdata.atr_period", default: 14),
            stopAtrMultiple: try config.double("strategy_ranker.stop_atr_multiple", default: 1.5),
            rewardRisk: try config.double("strategy_ranker.reward_risk", default: 2.0),
            tickSize: try config.paise("marketdata.tick_size", default: Paise(5)))
        guard parameters.stopAtrMultiple > 0 else {
            throw ConfigError.invalidValue(key: "strategy_ranker.stop_atr_multiple", expected: "a positive number")
        }
        guard parameters.rewardRisk > 0 else {
            throw ConfigError.invalidValue(key: "strategy_ranker.reward_risk", expected: "a positive number")
        }
        let name = config.string("strategy_ranker.strategy", default: EmaCrossStrategy.name)
        guard name == EmaCrossStrategy.name else {
            throw ConfigError.invalidValue(key: "strategy_ranker.strategy", expected: EmaCrossStrategy.name)
        }
        self.context = context
        self.strategy = EmaCrossStrategy(parameters: parameters)
        self.configSha = config.sha(sections: ["marketdata", "strategy_ranker"])
    }

    nonisolated func consumer() -> MessageConsumer {
        MessageConsumer(redis: context.redisConfiguration, channels: [], patterns: [Channel.allBars], logger: context.logger) { message in
            guard message.header.type == .bar else { return }
            let envelope = try message.decode(BarPayload.self)
            try await self.handle(envelope.payload, trace: envelope.trace)
        }
    }

    func handle(_ payload: BarPayload, trace: String) async throws {
        let bar = Bar(symbol: payload.symbol, start: payload.start, open: Paise(payload.openPaise), high: Paise(payload.highPaise),
                      low: Paise(payload.lowPaise), close: Paise(payload.closePaise), volume: payload.volume)
        guard let signal = strategy.onBar(bar, indicators: payload.indicators) else { return }
        let id = UUID()
        let sha = configSha
        let inserted = try await context.database.withConnection { db in
            try ConfigVersionRepository.record(sha: sha, service: "strategy-ranker", body: "", on: db)
            return try SignalRepository.insert(signal, id: id, trace: trace, configSha: sha, on: db)
        }
        guard inserted else {
            context.logger.info("signal already recorded for this bar", metadata: ["trace": "\(trace)", "signal.symbol": "\(signal.symbol)"])
            return
        }
        Counter(label: "aitrapp_signals_total", dimensions: [("strategy", signal.strategy), ("side", signal.side.rawValue)]).increment()
        context.logger.info("signal recorded", metadata: [
            "trace": "\(trace)", "signal.id": "\(id)", "signal.side": "\(signal.side.rawValue)",
            "signal.symbol": "\(signal.symbol)", "signal.entry": "\(signal.entry.rupeeString)",
        ])
        await context.bus.publish(.signalCreated, on: Channel.signals, trace: trace, mode: .paper, payload: SignalPayload(
            signalId: id, strategy: signal.strategy, symbol: signal.symbol, side: signal.side.rawValue,
            entryPaise: signal.entry.value, stopPaise: signal.stop.value, targetPaise: signal.target.value,
            confidence: signal.confidence, rationale: signal.rationale, features: signal.features,
            barStart: signal.barStart, configSha: sha))
    }
}
