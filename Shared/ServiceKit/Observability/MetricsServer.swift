import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// `GET /metrics` (Prometheus text) and `GET /health` on the service's metrics port.
public struct MetricsServer {
    public static func make(registry: PrometheusCollectorRegistry, host: String, port: Int, logger: Logger) -> some Service {
        let router = Router()
        router.get("/metrics") { _, _ -> Response in
            var buffer = ByteBuffer()
            buffer.writeBytes(registry.emitToBuffer())
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: buffer))
        }
        router.get("/health") { _, _ in "ok" }
        return Application(router: router, configuration: .init(address: .hostname(host, port: port)), logger: logger)
    }
}
