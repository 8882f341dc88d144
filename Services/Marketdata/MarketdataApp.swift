import Foundation
import MarketFeeds
import Messages
import ServiceKit

/// marketdata: the simulator, a CSV replay or the Kite ticker, publishing ticks and bars
/// with their indicators; loads the instruments and the universe on `instruments.sync`.
/// `marketdata.clock_start` / `clock_speed` run it on a simulated clock (for tests: the Kite
/// feed's silence detection only acts in market hours).
@main
struct MarketdataApp {
    static func main() async {
        let probe = ServiceKitContext.bootstrapConfigOnly()
        var clock: any ServiceClock = SystemClock()
        let start = probe.string("marketdata.clock_start", default: "")
        if !start.isEmpty {
            guard let startDate = Timestamp.parse(start) else {
                FileHandle.standardError.write(Data("marketdata: config marketdata.clock_start: expected an ISO-8601 timestamp\n".utf8))
                exit(2)
            }
            clock = ScaledClock(start: startDate, speed: (try? probe.double("marketdata.clock_speed", default: 1)) ?? 1)
        }
        let context = ServiceKitContext.bootstrap(service: "marketdata", clock: clock)
        let settings = context.require { try MarketdataSettings(config: context.config) }
        let publisher = MarketPublisher(context: context, settings: settings)
        let instruments = InstrumentSync(context: context, settings: settings)
        let feed: any MarketFeed = switch settings.feed {
        case .sim: SimulatedFeed(context: context, settings: settings)
        case .replay: ReplayFeed(context: context, settings: settings)
        case .kite: KiteTickerFeed(context: context, settings: settings)
        }
        await context.run([
            context.metricsServer(section: "marketdata", defaultPort: 9101),
            context.heartbeat(),
            instruments.consumer(),
            FeedService(feed: feed, publisher: publisher, instruments: instruments),
        ])
    }
}
