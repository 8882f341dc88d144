import Foundation
import ServiceKit

/// executor: the paper broker, the OCO groups, the exit rules and flatten. Rebuilds its
/// open groups from Postgres on start, then follows decisions, ticks, bars, control
/// commands and jobs. `executor.clock_start` / `clock_speed` run it on a simulated clock
/// (tests: the exit rules' time stop and 15:25 square-off read it).
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
