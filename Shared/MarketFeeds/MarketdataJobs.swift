import Foundation
import Messages
import ServiceKit

/// marketdata's share of the `jobs` channel: `instruments.sync` reloads the instruments and
/// the universe; `chain.refresh` republishes every option chain with fresh IVs and greeks.
public struct MarketdataJobs: Sendable {
    let context: ServiceKitContext
    let instruments: InstrumentSync
    let chains: ChainBook

    public init(context: ServiceKitContext, instruments: InstrumentSync, chains: ChainBook) {
        self.context = context
        self.instruments = instruments
        self.chains = chains
    }

    public func consumer() -> MessageConsumer {
        MessageConsumer(redis: context.redisConfiguration, channels: [Channel.jobs], logger: context.logger) { message in
            guard message.header.type == .job else { return }
            let job = try message.decode(JobPayload.self).payload
            switch job.job {
            case "instruments.sync":
                try await instruments.sync(trace: message.header.trace)
            case "chain.refresh":
                let count = await chains.publishAll(trace: message.header.trace)
                context.logger.info("chains refreshed", metadata: ["trace": "\(message.header.trace)", "chain.count": "\(count)"])
            default:
                return
            }
        }
    }
}
