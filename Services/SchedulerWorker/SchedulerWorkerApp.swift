import Foundation
import Messages
import ServiceKit

/// scheduler-worker: fires the day's jobs at their IST minutes on weekdays, once each.
/// `scheduler_worker.clock_start` / `clock_speed` run it on a simulated clock for tests.
@main
struct SchedulerWorkerApp {
    static func main() async {
        let probe = ServiceKitContext.bootstrapConfigOnly()
        let clock: any ServiceClock
        let start = probe.string("scheduler_worker.clock_start", default: "")
        if start.isEmpty {
            clock = SystemClock()
        } else {
            guard let startDate = Timestamp.parse(start) else {
                FileHandle.standardError.write(Data("scheduler-worker: config scheduler_worker.clock_start: expected an ISO-8601 timestamp\n".utf8))
                exit(2)
            }
            let speed = (try? probe.double("scheduler_worker.clock_speed", default: 1)) ?? 1
            clock = ScaledClock(start: startDate, speed: speed)
        }
        let context = ServiceKitContext.bootstrap(service: "scheduler-worker", clock: clock)
        let scheduler = context.require { try JobScheduler(context: context) }
        await context.run([
            context.metricsServer(section: "scheduler_worker", defaultPort: 9105),
            context.heartbeat(),
            scheduler,
        ])
    }
}
