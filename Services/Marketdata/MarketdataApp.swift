import MarketFeeds
import ServiceKit

/// marketdata: the simulator, a CSV replay or the Kite ticker, publishing ticks and bars
/// with their indicators; loads the instruments and the universe on `instruments.sync`.
@main
struct MarketdataApp {
    static func main() async {
        let context = ServiceKitContext.bootstrap(service: "marketdata")
        let settings = context.require { try MarketdataSettings(config: context.config) }
        let publisher = MarketPublisher(context: context, settings: settings)
        let instruments = InstrumentSync(context: context, settings: settings)
        let feed: any MarketFeed = switch settings.feed {
        case .sim: SimulatedFeed(context: context, settings: settings)
        case .replay: ReplayFeed(context: context, settings: settings)
        }
        await context.run([
            context.metricsServer(section: "marketdata", defaultPort: 9101),
            context.heartbeat(),
            instruments.consumer(),
            FeedService(feed: feed, publisher: publisher, instruments: instruments),
        ])
    }
}
