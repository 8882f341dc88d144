import Foundation
import Logging
import Messages
import ServiceKit
import ServiceLifecycle

/// Restores open groups from Postgres first (and executes approvals that never got an
/// order); only then starts consuming — decisions, control and jobs on one subscription,
/// ticks and bars (for the ATR) on another, so a tick burst can never crowd out a
/// flatten — and polling Postgres for flatten requests. Every
/// (re)subscription triggers a reconcile, since pub/sub may have lost messages.
struct ExecutorService: Service {
    let context: ServiceKitContext
    let engine: ExecutionEngine
    let eodFallback: EODFallback

    func run() async throws {
        await engine.restoreWithRetry()
        let engine = self.engine
        let eodFallback = self.eodFallback
        let reconcile: @Sendable () -> Void = { Task { await engine.reconcilePending() } }
        let commands = MessageConsumer(
            redis: context.redisConfiguration, channels: [Channel.decisions, Channel.control, Channel.jobs],
            logger: context.logger, onSubscribed: reconcile
        ) { message in
            switch message.header.type {
            case .decisionApproved:
                let envelope = try message.decode(DecisionPayload.self)
                try await engine.onApprovedDecision(envelope.payload, trace: envelope.trace, publishedAt: envelope.ts)
            case .controlFlatten:
                await engine.requestFlatten(reason: .flatten, trace: message.header.trace)
            case .controlClose:
                let control = try message.decode(ControlPayload.self).payload
                if let positionId = control.positionId { await engine.closeOne(positionId: positionId, trace: message.header.trace) }
            case .controlMode:
                let control = try message.decode(ControlPayload.self).payload
                await engine.setMode(control.mode)
            case .job:
                let job = try message.decode(JobPayload.self).payload
                await eodFallback.jobArrived(job)
                if job.job == "eod.flatten" { await engine.requestFlatten(reason: .endOfDay, trace: message.header.trace) }
            default:
                return
            }
        }
        let ticks = MessageConsumer(redis: context.redisConfiguration.named("executor.ticks"), channels: [],
                                    patterns: [Channel.allTicks, Channel.allBars], logger: context.logger) { message in
            switch message.header.type {
            case .tick: try await engine.onTick(message.decode(TickPayload.self).payload)
            case .bar: await engine.onBar(try message.decode(BarPayload.self).payload)
            default: return
            }
        }
        let watcher = FlattenRequestWatcher(context: context, engine: engine, interval: .seconds(1))
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await commands.run() }
            group.addTask { try await ticks.run() }
            group.addTask { try await watcher.run() }
            // The order poll backstop (`executor.poll_ms`): lost postbacks and missed events.
            let pollMilliseconds = engine.settings.pollMilliseconds
            if pollMilliseconds > 0 {
                group.addTask {
                    while !Task.isShuttingDownGracefully && !Task.isCancelled {
                        try? await Task.sleep(for: .milliseconds(pollMilliseconds))
                        await engine.pollBrokers()
                    }
                }
            }
            // The pulse: a market order on a quiet symbol fills against the last known quote
            // once it is `executor.paper.stale_quote_ms` old.
            group.addTask {
                while !Task.isShuttingDownGracefully && !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(250))
                    await engine.pulse()
                }
            }
        }
    }
}
