import ServiceKit

/// risk-gate: every signal gets exactly one decision, approved and sized in whole lots
/// or rejected with every failing gate's numbers.
@main
struct RiskGateApp {
    static func main() async {
        let context = ServiceKitContext.bootstrap(service: "risk-gate")
        let gate = context.require { try DecisionMaker(context: context) }
        await context.run([
            context.metricsServer(section: "risk_gate", defaultPort: 9103),
            context.heartbeat(),
            gate.consumer(),
        ])
    }
}
