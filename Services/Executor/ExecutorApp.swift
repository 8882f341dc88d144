import Foundation
import ServiceKit
import ServiceLifecycle

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
        // Kite is set up only when credentials are in the environment, and used only for LIVE groups.
        let live = settings.kiteCredentials.map { credentials in
            KiteOrderBroker(client: KiteRESTClient(baseURL: settings.kite.baseURL, credentials: credentials,
                                                   timeoutSeconds: settings.kite.timeoutSeconds, logger: context.logger),
                            config: settings.kite, logger: context.logger)
        }
        let engine = ExecutionEngine(context: context, settings: settings, live: live)
        let eodFallback = context.require { try EODFallback.configured(context.config) }
        var services: [any Service] = [
            context.metricsServer(section: "executor", defaultPort: 9104),
            context.heartbeat(),
            ExecutorService(context: context, engine: engine, eodFallback: eodFallback),
            EODFallbackService(context: context, engine: engine, fallback: eodFallback, interval: .milliseconds(250)),
        ]
        if let live, let secret = settings.kiteCredentials?.apiSecret, !secret.isEmpty, settings.postbackPort > 0 {
            services.append(KitePostbackServer.make(engine: engine, broker: live, apiSecret: secret, host: settings.postbackHost,
                                                    port: settings.postbackPort, path: settings.postbackPath, clock: context.clock,
                                                    logger: context.logger))
        }
        context.logger.info("executor brokers", metadata: ["broker.live": "\(live == nil ? "none" : "kite")",
                                                           "broker.postbacks": "\(services.count > 4)"])
        await context.run(services)
    }
}
