import ServiceKit

/// marketdata: a seeded simulated feed or a CSV replay, publishing ticks and 1-minute
/// bars with EMA and ATR; registers the configured instruments on `instruments.sync`.
@main
struct MarketdataApp {
    static func main() async {
        let context = ServiceKitContext.bootstrap(service: "marketdata")
        let settings = context.require { try MarketdataSettings(config: context.config) }
        let publisher = MarketPublisher(context: context, settings: settings)
        let instruments = InstrumentSync(context: context, settings: settings)
        await context.run([
            context.metricsServer(section: "marketdata", defaultPort: 9101),
            context.heartbeat(),
            instruments.consumer(),
            FeedService(context: context, settings: settings, publisher: publisher, instruments: instruments),
        ])
    }
}
