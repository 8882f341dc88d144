import ServiceKit
import ServiceLifecycle

/// Loads the instruments, then runs the configured feed until shutdown. A replay that
/// finishes leaves the process up (heartbeat, metrics) until it is stopped.
public struct FeedService: Service {
    let feed: any MarketFeed
    let publisher: MarketPublisher
    let instruments: InstrumentSync

    public init(feed: any MarketFeed, publisher: MarketPublisher, instruments: InstrumentSync) {
        self.feed = feed
        self.publisher = publisher
        self.instruments = instruments
    }

    public func run() async throws {
        await instruments.syncWithRetry()
        try await feed.run(publisher: publisher)
        try? await gracefulShutdown()
    }
}
