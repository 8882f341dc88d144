import MarketFeeds
import ServiceKit

/// marketdata: the simulator, a CSV replay or the Kite ticker, publishing ticks and bars
/// with their indicators and option chains with greeks; loads the instruments and the
/// universe on `instruments.sync` and republishes the chains on `chain.refresh`.
@main
struct MarketdataApp {
    static func main() async {
        let context = ServiceKitContext.bootstrap(service: "marketdata")
        let settings = context.require { try MarketdataSettings(config: context.config) }
        let publisher = MarketPublisher(context: context, settings: settings)
        let instruments = InstrumentSync(context: context, settings: settings)
        let chains = ChainBook(context: context, riskFreeRate: settings.riskFreeRate)
        let feed: any MarketFeed = switch settings.feed {
        case .sim: SimulatedFeed(context: context, settings: settings, chains: chains)
        case .replay: ReplayFeed(context: context, settings: settings)
        }
        await context.run([
            context.metricsServer(section: "marketdata", defaultPort: 9101),
            context.heartbeat(),
            MarketdataJobs(context: context, instruments: instruments, chains: chains).consumer(),
            FeedService(feed: feed, publisher: publisher, instruments: instruments),
        ])
    }
}
