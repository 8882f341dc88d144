import Foundation
import Messages
import ServiceKit
import TradingCore

/// risk-gate's subscriptions: signals to decide; fills, positions and trades to refresh the
/// risk state; ticks for the latest quote (spread and slippage guard).
struct RiskGateConsumers: Sendable {
    let context: ServiceKitContext
    let gate: DecisionMaker
    let quotes: QuoteBook

    func signals() -> MessageConsumer {
        MessageConsumer(redis: context.redisConfiguration, channels: [Channel.signals], logger: context.logger) { message in
            guard message.header.type == .signalCreated else { return }
            let envelope = try message.decode(SignalPayload.self)
            try await gate.decide(envelope.payload, trace: envelope.trace)
        }
    }

    /// Rebuilds the state once subscribed (start-up), then on every book change.
    func book() -> MessageConsumer {
        MessageConsumer(redis: context.redisConfiguration.named("risk-gate.book"),
                        channels: [Channel.fills, Channel.positions, Channel.trades], logger: context.logger,
                        onSubscribed: { [gate] in Task { await gate.refresh(trace: TraceID.make()) } }) { message in
            await gate.refresh(trace: message.header.trace)
        }
    }

    func ticks() -> MessageConsumer {
        MessageConsumer(redis: context.redisConfiguration.named("risk-gate.ticks"), channels: [], patterns: [Channel.allTicks],
                        logger: context.logger) { message in
            guard message.header.type == .tick else { return }
            let tick = try message.decode(TickPayload.self).payload
            guard let bid = tick.bidPaise, let ask = tick.askPaise else { return }
            quotes.update(tick.symbol, bid: Paise(bid), ask: Paise(ask), at: context.clock.now())
        }
    }
}
