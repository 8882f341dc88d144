import Foundation
import Logging
import Messages
import Metrics
import PostgresStore
import ServiceKit
import TradingCore

/// Reads the desk's state (Redis flags, Postgres exposure), asks the core's `canEnter`,
/// records the decision, then publishes it. If the state cannot be read, the core gets
/// `RiskState.unreadable` and rejects (fail closed).
struct DecisionMaker: Sendable {
    private let context: ServiceKitContext
    private let policy: RiskGatePolicy
    private let configSha: String
    private let configText: String

    init(context: ServiceKitContext) throws {
        let config = context.config
        let limits = RiskLimits(
            capital: try config.paise("risk_gate.capital", default: Paise(100_000_000)),
            riskPerTradePercent: try config.double("risk_gate.risk_per_trade_pct", default: 0.5),
            maxOpenPositions: try config.int("risk_gate.max_open_positions", default: 1),
            maxLotsPerTrade: try config.int("risk_gate.max_lots_per_trade", default: 10))
        guard limits.capital > .zero else { throw ConfigError.invalidValue(key: "risk_gate.capital", expected: "a positive amount") }
        guard limits.riskPerTradePercent > 0, limits.riskPerTradePercent <= 100 else {
            throw ConfigError.invalidValue(key: "risk_gate.risk_per_trade_pct", expected: "a percentage in (0, 100]")
        }
        self.context = context
        self.policy = RiskGatePolicy(limits: limits)
        self.configSha = config.sha(sections: ["risk_gate"])
        self.configText = config.canonicalText(sections: ["risk_gate"])
    }

    func consumer() -> MessageConsumer {
        MessageConsumer(redis: context.redisConfiguration, channels: [Channel.signals], logger: context.logger) { message in
            guard message.header.type == .signalCreated else { return }
            let envelope = try message.decode(SignalPayload.self)
            try await decide(envelope.payload, trace: envelope.trace)
        }
    }

    func decide(_ payload: SignalPayload, trace: String) async throws {
        guard let side = Side(rawValue: payload.side) else { throw MalformedMessage(reason: "side \(payload.side)") }
        let signal = TradeSignal(strategy: payload.strategy, symbol: payload.symbol, side: side, entry: Paise(payload.entryPaise),
                                 stop: Paise(payload.stopPaise), target: Paise(payload.targetPaise),
                                 confidence: payload.confidence, rationale: payload.rationale, features: payload.features,
                                 barStart: payload.barStart)
        let (state, lotSize) = await readState(symbol: signal.symbol, trace: trace)
        let decision = policy.canEnter(signal, lotSize: lotSize, state: state)
        let planId = ClientIds.plan(signalId: payload.signalId.uuidString.lowercased(), configSha: configSha)
        let decisionId = UUID()
        let (sha, text) = (configSha, configText)
        let inserted = try await context.database.withConnection { db in
            try ConfigVersionRepository.record(sha: sha, service: "risk-gate", body: text, on: db)
            return try DecisionRepository.insert(id: decisionId, signalId: payload.signalId, clientPlanId: planId, trace: trace,
                                                 mode: state.mode, signal: signal, decision: decision, configSha: sha, on: db)
        }
        guard inserted else {
            context.logger.info("signal already decided", metadata: ["trace": "\(trace)", "decision.plan": "\(planId)"])
            return
        }
        Counter(label: "aitrapp_decisions_total", dimensions: [("status", decision.approved ? "approved" : "rejected")]).increment()
        context.logger.info(decision.approved ? "decision approved" : "decision rejected", metadata: [
            "trace": "\(trace)", "decision.id": "\(decisionId)", "decision.plan": "\(planId)", "decision.lots": "\(decision.lots)",
            "decision.rejections": "\(decision.rejections.map(\.gate))",
        ])
        await context.bus.publish(decision.approved ? .decisionApproved : .decisionRejected, on: Channel.decisions,
                                  trace: trace, mode: state.mode, payload: DecisionPayload(
            decisionId: decisionId, signalId: payload.signalId, clientPlanId: planId, approved: decision.approved,
            symbol: signal.symbol, side: side.rawValue, lots: decision.lots, lotSize: decision.lotSize,
            quantity: decision.quantity, entryPaise: signal.entry.value, stopPaise: signal.stop.value,
            targetPaise: signal.target.value, riskPaise: decision.riskAmount.value, verdicts: decision.verdicts))
        let snapshot = "{\"open_positions\":\(state.openPositions == .max ? -1 : state.openPositions),\"last_decision\":\"\(decisionId)\"}"
        try? await context.redis.set(Channel.Key.riskSnapshot, snapshot)
    }

    /// Redis flags and Postgres exposure; any failure gives the fail-closed state.
    private func readState(symbol: String, trace: String) async -> (RiskState, Int) {
        do {
            let redis = context.redis
            let replies = try await redis.pipeline([["GET", Channel.Key.mode], ["GET", Channel.Key.paused], ["GET", Channel.Key.halted]])
            let mode = replies[0].string.flatMap(TradingMode.init(rawValue:)) ?? .paper
            let paused = replies[1].string == "1"
            let halted = replies[2].string == "1"
            // Postgres holds the same flags durably: a Redis that lost its keys cannot un-pause.
            let (open, lotSize, durablePaused, durableHalted) = try await context.database.withConnection { db in
                (try DecisionRepository.openExposureCount(on: db), try InstrumentRepository.lotSize(symbol: symbol, on: db) ?? 0,
                 try SystemStateRepository.get("paused", on: db) == "true", try SystemStateRepository.get("halted", on: db) == "true")
            }
            return (RiskState(mode: mode, paused: paused || durablePaused, halted: halted || durableHalted, openPositions: open), lotSize)
        } catch {
            context.logger.error("risk state unreadable, failing closed", metadata: ["trace": "\(trace)", "error": "\(error)"])
            return (.unreadable, 0)
        }
    }
}
