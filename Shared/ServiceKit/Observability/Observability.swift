import Logging
import Metrics
import Prometheus

/// Bootstraps JSON logging and Prometheus metrics for one process, once.
public enum Observability {
    public static func bootstrap(service: String, level: String) -> PrometheusCollectorRegistry {
        let logLevel = Logger.Level(rawValue: level.lowercased()) ?? .info
        LoggingSystem.bootstrap { _ in JSONLogHandler(service: service, level: logLevel) }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }
}
