import Foundation
import Logging
import Messages
import Metrics
import PostgresStore
import ServiceKit
import TradingCore

/// For each signal: clears an expired halt, rebuilds the risk state, asks the core's
/// `canEnter`, records the decision (and a `risk_events` row when it is blocked), publishes
/// it, then trips any breached tripwire and writes the snapshot. If the state cannot be read
/// the core gets `RiskState.unreadable` and rejects (fail closed).
struct DecisionMaker: Sendable {
    let context: ServiceKitContext
    let settings: RiskGateSettings
    let quotes: QuoteBook
    private let policy: RiskGatePolicy
    private let configSha: String
    private let configText: String

    init(context: ServiceKitContext, quotes: QuoteBook) throws {
        self.context = context
        self.settings = try RiskGateSettings(config: context.config)
        self.quotes = quotes
        self.policy = RiskGatePolicy(limits: settings.limits)
        self.configSha = context.config.sha(sections: ["risk_gate"])
        self.configText = context.config.canonicalText(sections: ["risk_gate"])
    }

    private var reader: StateReader { StateReader(context: context, settings: settings) }
    private var halts: HaltKeeper { HaltKeeper(context: context) }

    func decide(_ payload: SignalPayload, trace: String) async throws {
        guard let side = Side(rawValue: payload.side) else { throw MalformedMessage(reason: "side \(payload.side)") }
        let proposed = TradeSignal(strategy: payload.strategy, symbol: payload.symbol, side: side, entry: Paise(payload.entryPaise),
                                 stop: Paise(payload.stopPaise), target: Paise(payload.targetPaise),
                                 confidence: payload.confidence, rationale: payload.rationale, features: payload.features,
                                 barStart: payload.barStart)
        let now = context.clock.now()
        do { try await halts.expireIfDue(now: now, mode: .paper, trace: trace) } catch {
            context.logger.error("halt expiry not checked", metadata: ["trace": "\(trace)", "error": "\(error)"])
        }
        let (state, facts) = await reader.read(symbol: proposed.symbol, now: now, trace: trace)
        var instrument = facts ?? .unknown(proposed.symbol)
        let signal = AtrStop.normalise(proposed, tick: instrument.tickSize)
        instrument.eventBlackout = settings.blackouts.contains { $0.contains(signal.barStart) }
        let quote = quotes.quote(signal.symbol, now: now, maxAge: settings.quoteMaxAgeSeconds)
        let decision = policy.canEnter(signal, instrument: instrument, quote: quote, state: state, now: context.clock.now())
        let planId = ClientIds.plan(signalId: payload.signalId.uuidString.lowercased(), configSha: configSha)
        let decisionId = UUID()
        guard try await record(decisionId, payload, planId, signal, decision, state.mode, trace) else {
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
            targetPaise: signal.target.value, riskPaise: decision.riskAmount.value, verdicts: decision.verdicts,
            feesPaise: decision.fees.value, heatBeforePaise: decision.heatBefore.value, heatAfterPaise: decision.heatAfter.value,
            marginPaise: decision.marginRequired.value, slices: decision.slices))
        await refresh(trace: trace)
    }

    /// The decision and, when blocked, a `risk_events` row naming the failed gates, in one transaction.
    private func record(_ id: UUID, _ payload: SignalPayload, _ planId: String, _ signal: TradeSignal, _ decision: RiskDecision,
                        _ mode: TradingMode, _ trace: String) async throws -> Bool {
        let (sha, text) = (configSha, configText)
        let failed = decision.rejections
        let blockJSON = "{\"gates\":[" + failed.map { "\"\($0.gate)\"" }.joined(separator: ",") + "]}"
        return try await context.database.transaction { db in
            try ConfigVersionRepository.record(sha: sha, service: "risk-gate", body: text, on: db)
            guard try DecisionRepository.insert(id: id, signalId: payload.signalId, clientPlanId: planId, trace: trace, mode: mode,
                                                signal: signal, decision: decision, configSha: sha, on: db) else { return false }
            if !decision.approved {
                try RiskEventRepository.insert(kind: "entry.blocked", severity: "INFO",
                                               message: "\(signal.symbol) \(signal.side.rawValue) blocked: "
                                                   + failed.map { "\($0.gate) (\($0.detail))" }.joined(separator: "; "),
                                               trace: trace, detailsJSON: blockJSON, on: db)
            }
            return true
        }
    }

    /// Rebuilds the state, trips breached tripwires, writes the snapshot. On start and after
    /// every decision, fill, position and trade.
    func refresh(trace: String) async {
        let now = context.clock.now()
        var (state, _) = await reader.read(symbol: nil, now: now, trace: trace)
        guard state.readable else { return }
        let breaches = Tripwire.breaches(state, limits: settings.limits)
        do {
            try await halts.expireIfDue(now: now, mode: state.mode, trace: trace)
            if !breaches.isEmpty {
                try await halts.trip(breaches, now: now, mode: state.mode, trace: trace)
                (state, _) = await reader.read(symbol: nil, now: now, trace: trace)
            }
        } catch {
            context.logger.error("tripwire halt not recorded", metadata: ["trace": "\(trace)", "error": "\(error)"])
        }
        await SnapshotWriter(context: context).write(RiskSnapshot(state: state, limits: settings.limits, asOf: now),
                                                     mode: state.mode, trace: trace)
    }
}
