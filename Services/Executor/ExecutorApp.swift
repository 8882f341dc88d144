import Foundation
import ServiceKit

/// executor: the paper broker, the OCO groups and flatten. Rebuilds its open groups from
/// Postgres on start, then follows decisions, ticks, control commands and jobs.
@main
struct ExecutorApp {
    static func main() async {
        let clock = ServiceKitContext.configuredClock(ServiceKitContext.bootstrapConfigOnly(), section: "executor", service: "executor")
        let context = ServiceKitContext.bootstrap(service: "executor", clock: clock)
        let settings = context.require { try ExecutorSettings(config: context.config) }
        let engine = ExecutionEngine(context: context, settings: settings)
        let eodFallback = context.require { try EODFallback.configured(context.config) }
        await context.run([
            context.metricsServer(section: "executor", defaultPort: 9104),
            context.heartbeat(),
            ExecutorService(context: context, engine: engine, eodFallback: eodFallback),
            EODFallbackService(context: context, engine: engine, fallback: eodFallback, interval: .milliseconds(250)),
        ])
    }
}
