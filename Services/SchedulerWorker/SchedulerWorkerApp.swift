import Foundation
import Messages
import ServiceKit

/// scheduler-worker: fires the day's jobs at their IST minutes on weekdays, once each.
/// `scheduler_worker.clock_start` / `clock_speed` run it on a simulated clock for tests.
@main
struct SchedulerWorkerApp {
    static func main() async {
        let clock = ServiceKitContext.configuredClock(ServiceKitContext.bootstrapConfigOnly(), section: "scheduler_worker",
                                                      service: "scheduler-worker")
        let context = ServiceKitContext.bootstrap(service: "scheduler-worker", clock: clock)
        let scheduler = context.require { try JobScheduler(context: context) }
        await context.run([
            context.metricsServer(section: "scheduler_worker", defaultPort: 9105),
            context.heartbeat(),
            scheduler,
        ])
    }
}
