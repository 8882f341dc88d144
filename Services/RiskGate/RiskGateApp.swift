import Messages
import ServiceKit

/// risk-gate: every signal gets exactly one decision, approved and sized in whole lots or
/// rejected with every failing gate's numbers; tripwires halt entries; the risk state is
/// rebuilt from Postgres at start and after every fill, position and trade.
@main
struct RiskGateApp {
    static func main() async {
        // The wall clock, or `risk_gate.clock_start` (tests and dry runs: a later session, say).
        let clock = ServiceKitContext.configuredClock(ServiceKitContext.bootstrapConfigOnly(), section: "risk_gate", service: "risk-gate")
        let context = ServiceKitContext.bootstrap(service: "risk-gate", clock: clock)
        let quotes = QuoteBook()
        let gate = context.require { try DecisionMaker(context: context, quotes: quotes) }
        let consumers = RiskGateConsumers(context: context, gate: gate, quotes: quotes)
        await context.run([
            context.metricsServer(section: "risk_gate", defaultPort: 9103),
            context.heartbeat(),
            consumers.signals(),
            consumers.book(),
            consumers.ticks(),
        ])
    }
}
