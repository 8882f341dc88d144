import Foundation
import Logging
import Messages
import Metrics
import PostgresStore
import ServiceKit
import TradingCore

/// The shell around the core's `SignalPipeline`: feeds it bars and chains from the bus, writes
/// every signal (ranked or not) to Postgres before publishing the passed ones, publishes each
/// underlying's regime when it changes, and applies `strategies.reload` from `control`.
/// A replayed bar maps to the same (strategy, symbol, bar) rows, so it is recorded and published once.
actor SignalEngine {
    private let context: ServiceKitContext
    private var settings: RankerSettings
    private var pipeline: SignalPipeline
    private let loadConfig: @Sendable () throws -> AppConfig

    init(context: ServiceKitContext, loadConfig: @escaping @Sendable () throws -> AppConfig = { try AppConfig.load() }) throws {
        self.context = context
        self.loadConfig = loadConfig
        let settings = try RankerSettings.load(context.config)
        self.settings = settings
        self.pipeline = SignalPipeline(settings: settings.pipeline)
        context.logger.info("strategies loaded", metadata: [
            "config.sha": "\(settings.configSha)", "strategies.enabled": "\(settings.strategyNames.joined(separator: ","))",
        ])
    }

    nonisolated func consumer() -> MessageConsumer {
        MessageConsumer(redis: context.redisConfiguration, channels: [Channel.control], patterns: [Channel.allBars, "md.chain.*"],
                        logger: context.logger) { message in
            switch message.header.type {
            case .bar:
                let envelope = try message.decode(BarPayload.self)
                try await self.handle(envelope.payload, trace: envelope.trace, publishedAt: envelope.ts)
            case .chain:
                let envelope = try message.decode(ChainPayload.self)
                try await self.handle(chain: envelope.payload)
            case .strategiesReload:
                let envelope = try message.decode(ControlPayload.self)
                await self.reload(actor: envelope.payload.actor, trace: envelope.trace)
            default:
                return
            }
        }
    }

    func handle(chain payload: ChainPayload) throws {
        pipeline.onChain(payload.underlying, try ChainSnapshotDecoder.snapshot(payload))
    }

    /// Re-reads the configuration; a bad one is refused (naming the key) and the old one stays.
    func reload(actor: String, trace: String) async {
        do {
            let fresh = try RankerSettings.load(try loadConfig())
            pipeline.reload(fresh.pipeline)
            settings = fresh
            Counter(label: "aitrapp_strategy_reloads_total", dimensions: [("result", "applied")]).increment()
            context.logger.info("strategies reloaded", metadata: [
                "trace": "\(trace)", "control.actor": "\(actor)", "config.sha": "\(fresh.configSha)",
                "strategies.enabled": "\(fresh.strategyNames.joined(separator: ","))",
            ])
        } catch {
            Counter(label: "aitrapp_strategy_reloads_total", dimensions: [("result", "rejected")]).increment()
            context.logger.error("strategies reload rejected", metadata: [
                "trace": "\(trace)", "control.actor": "\(actor)", "config.error": "\(error)", "config.sha": "\(settings.configSha)",
            ])
        }
    }

    func handle(_ payload: BarPayload, trace: String, publishedAt: Date) async throws {
        guard payload.timeframe == settings.timeframe else { return }
        let bar = Bar(symbol: payload.symbol, start: payload.start, open: Paise(payload.openPaise), high: Paise(payload.highPaise),
                      low: Paise(payload.lowPaise), close: Paise(payload.closePaise), volume: payload.volume)
        let open = await openSymbols(trace: trace)
        // The injected clock, never behind marketdata's clock when it published the closed bar.
        let now = max(context.clock.now(), publishedAt)
        let output = pipeline.onBar(bar, indicators: payload.indicators, now: now, openSymbols: open)
        guard output.accepted else { return }
        for failure in output.failures {
            Counter(label: "aitrapp_strategy_failures_total", dimensions: [("strategy", failure.strategy)]).increment()
            context.logger.error("strategy failed", metadata: [
                "trace": "\(trace)", "strategy.name": "\(failure.strategy)", "signal.symbol": "\(failure.symbol)",
                "error": "\(failure.error)",
            ])
        }
        await publishRegime(output, bar: bar, trace: trace)
        guard !output.ranked.isEmpty else { return }
        try await record(output.ranked, trace: trace)
    }

    private func publishRegime(_ output: PipelineOutput, bar: Bar, trace: String) async {
        try? await context.redis.set(Channel.Key.regime(bar.symbol), output.regime.regime.rawValue)
        guard output.regimeChanged else { return }
        context.logger.info("regime changed", metadata: [
            "trace": "\(trace)", "regime.symbol": "\(bar.symbol)", "regime.value": "\(output.regime.regime.rawValue)",
            "regime.reason": "\(output.regime.reason)",
        ])
        await context.bus.publish(.regimeUpdated, on: Channel.regime, trace: trace, mode: .paper, payload: RegimePayload(
            symbol: bar.symbol, assessment: output.regime, previous: output.previousRegime?.rawValue, barStart: bar.start))
    }

    private func record(_ ranked: [RankedSignal], trace: String) async throws {
        let ids = ranked.map { _ in UUID() }
        let sha = settings.configSha, timeframe = settings.timeframe
        let inserted = try await context.database.transaction { db in
            try ConfigVersionRepository.record(sha: sha, service: "strategy-ranker", body: "", on: db)
            return try zip(ranked, ids).map { item, id in
                try SignalRepository.insert(item, timeframe: timeframe, id: id, trace: trace, configSha: sha, on: db)
            }
        }
        for (index, item) in ranked.enumerated() {
            let signal = item.signal, explanation = item.explanation
            guard inserted[index] else {
                context.logger.info("signal already recorded for this bar", metadata: [
                    "trace": "\(trace)", "signal.symbol": "\(signal.symbol)", "strategy.name": "\(signal.strategy)",
                ])
                continue
            }
            let passOn = explanation.passed && (!signal.isOptions || settings.publishOptionSignals)
            Counter(label: "aitrapp_signals_total", dimensions: [("strategy", signal.strategy), ("side", signal.side.rawValue)]).increment()
            Counter(label: "aitrapp_signals_ranked_total", dimensions: [("strategy", signal.strategy), ("passed", "\(passOn)")]).increment()
            context.logger.info("signal recorded", metadata: [
                "trace": "\(trace)", "signal.id": "\(ids[index])", "signal.side": "\(signal.side.rawValue)",
                "signal.symbol": "\(signal.symbol)", "signal.entry": "\(signal.entry.rupeeString)", "strategy.name": "\(signal.strategy)",
                "signal.score": "\(explanation.score)", "signal.rank": "\(explanation.rank)", "signal.passed": "\(passOn)",
            ])
            guard passOn else { continue }
            await context.bus.publish(.signalCreated, on: Channel.signals, trace: trace, mode: .paper,
                                      payload: SignalPayload(id: ids[index], ranked: item, configSha: sha))
        }
    }

    /// Symbols with an open position (for the correlation penalty); empty, with a warning, when Postgres cannot say.
    private func openSymbols(trace: String) async -> Set<String> {
        do {
            return Set(try await context.database.withConnection { try PositionRepository.open(on: $0).map(\.symbol) })
        } catch {
            context.logger.warning("open positions unreadable", metadata: ["trace": "\(trace)", "error": "\(error)"])
            return []
        }
    }
}
