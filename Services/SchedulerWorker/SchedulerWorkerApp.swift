import Foundation
import Messages
import ServiceKit

/// scheduler-worker: fires the day's jobs at their IST minutes on trading days, once each,
/// from the leader of however many instances run. `scheduler_worker.clock_start` /
/// `clock_speed` run it on a simulated clock for tests.
@main
struct SchedulerWorkerApp {
    static func main() async {
        let clock = ServiceKitContext.configuredClock(ServiceKitContext.bootstrapConfigOnly(), section: "scheduler_worker",
                                                      service: "scheduler-worker")
        let context = ServiceKitContext.bootstrap(service: "scheduler-worker", clock: clock)
        let settings = context.require { try SchedulerSettings(config: context.config) }
        await context.run([
            context.metricsServer(section: "scheduler_worker", defaultPort: 9105),
            context.heartbeat(),
            JobScheduler(context: context, settings: settings),
        ])
    }
}
