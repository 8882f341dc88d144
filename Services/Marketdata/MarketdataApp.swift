import Foundation
import MarketFeeds
import Messages
import ServiceKit

/// marketdata: the simulator, a CSV replay or the Kite ticker, publishing ticks and bars
/// with their indicators and option chains with greeks; loads the instruments and the
/// universe on `instruments.sync` and republishes the chains on `chain.refresh`.
/// `marketdata.clock_start` / `clock_speed` run it on a simulated clock (for tests: the Kite
/// feed's silence detection only acts in market hours).
@main
struct MarketdataApp {
    static func main() async {
        let clock = ServiceKitContext.configuredClock(ServiceKitContext.bootstrapConfigOnly(), section: "marketdata", service: "marketdata")
        let context = ServiceKitContext.bootstrap(service: "marketdata", clock: clock)
        let settings = context.require { try MarketdataSettings(config: context.config) }
        let barQueue = settings.persistBars ? BarPersistQueue(capacity: settings.persistBarsQueue) : nil
        let publisher = MarketPublisher(context: context, settings: settings, barQueue: barQueue)
        let instruments = InstrumentSync(context: context, settings: settings)
        let chains = ChainBook(context: context, riskFreeRate: settings.riskFreeRate)
        let feed: any MarketFeed = switch settings.feed {
        case .sim: SimulatedFeed(context: context, settings: settings, chains: chains)
        case .replay: ReplayFeed(context: context, settings: settings)
        case .kite: KiteTickerFeed(context: context, settings: settings, chains: chains)
        }
        await context.run(BarWriter.first(before: [
            context.metricsServer(section: "marketdata", defaultPort: 9101),
            context.heartbeat(),
            MarketdataJobs(context: context, instruments: instruments, chains: chains).consumer(),
            FeedService(feed: feed, publisher: publisher, instruments: instruments),
        ], context: context, queue: barQueue))
    }
}
