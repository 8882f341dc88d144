import Foundation
import Logging
import Messages
import ServiceKit
import ServiceLifecycle

/// Restores open groups from Postgres, then consumes decisions, ticks, control and jobs.
/// Every (re)subscription triggers a reconcile, since pub/sub may have lost messages.
struct ExecutorService: Service {
    let context: ServiceKitContext
    let engine: ExecutionEngine

    func run() async throws {
        await engine.restoreWithRetry()
        let engine = self.engine
        let consumer = MessageConsumer(
            redis: context.redisConfiguration, channels: [Channel.decisions, Channel.control, Channel.jobs],
            patterns: [Channel.allTicks], logger: context.logger,
            onSubscribed: { Task { await engine.reconcilePending() } }
        ) { message in
            switch message.header.type {
            case .tick:
                let tick = try message.decode(TickPayload.self).payload
                try await engine.onTick(symbol: tick.symbol, lastPricePaise: tick.lastPricePaise)
            case .decisionApproved:
                let envelope = try message.decode(DecisionPayload.self)
                try await engine.onApprovedDecision(envelope.payload, trace: envelope.trace)
            case .controlFlatten:
                try await engine.flattenAll(reason: .flatten, trace: message.header.trace)
            case .controlMode:
                let control = try message.decode(ControlPayload.self).payload
                await engine.setMode(control.mode)
            case .job:
                let job = try message.decode(JobPayload.self).payload
                if job.job == "eod.flatten" { try await engine.flattenAll(reason: .endOfDay, trace: message.header.trace) }
            default:
                return
            }
        }
        try await consumer.run()
    }
}
