import ServiceKit

/// strategy-ranker: runs the configured strategy on every 1-minute bar and records and
/// publishes its signals.
@main
struct StrategyRankerApp {
    static func main() async {
        let context = ServiceKitContext.bootstrap(service: "strategy-ranker")
        let engine = context.require { try SignalEngine(context: context) }
        await context.run([
            context.metricsServer(section: "strategy_ranker", defaultPort: 9102),
            context.heartbeat(),
            engine.consumer(),
        ])
    }
}
