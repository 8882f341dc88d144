import Foundation
import Hummingbird
import Logging
import Metrics
import ServiceKit
import ServiceLifecycle
import TradingCore

/// The HTTP listener for Kite's order-update postbacks (LIVE, with `KITE_API_SECRET`):
/// `POST <executor.kite.postback_path>` with the order's JSON. The checksum
/// (SHA-256 of order_id + order_timestamp + api_secret) must match, else 403; a body that
/// is not a postback is counted and dropped with 400. A good one goes into the executor's
/// order-update path, the same one the poll feeds.
enum KitePostbackServer {
    static func make(engine: ExecutionEngine, broker: KiteOrderBroker, apiSecret: String, host: String, port: Int, path: String,
                     clock: any ServiceClock, logger: Logger) -> some Service {
        let router = Router()
        router.post(RouterPath(path)) { request, _ -> Response in
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: 64 * 1024)
            } catch {
                Counter(label: "aitrapp_kite_postbacks_rejected_total", dimensions: [("reason", "too_large")]).increment()
                return Response(status: .contentTooLarge)
            }
            guard let postback = KitePostback.parse(Data(buffer.readableBytesView)) else {
                Counter(label: "aitrapp_kite_postbacks_rejected_total", dimensions: [("reason", "malformed")]).increment()
                logger.warning("kite postback dropped: malformed body", metadata: ["postback.bytes": "\(buffer.readableBytes)"])
                return Response(status: .badRequest)
            }
            guard postback.isAuthentic(apiSecret: apiSecret) else {
                Counter(label: "aitrapp_kite_postbacks_rejected_total", dimensions: [("reason", "checksum")]).increment()
                logger.warning("kite postback dropped: bad checksum", metadata: ["kite.order_id": "\(postback.order.orderId)"])
                return Response(status: .forbidden)
            }
            Counter(label: "aitrapp_kite_postbacks_total").increment()
            let update = broker.update(for: postback.order, receivedAt: clock.now())
            do {
                try await engine.onBrokerUpdates([update], source: "postback")
            } catch {
                // Booked state is unchanged; the poll brings the same report again.
                logger.error("kite postback not applied", metadata: ["kite.order_id": "\(postback.order.orderId)", "error": "\(error)"])
                return Response(status: .internalServerError)
            }
            return Response(status: .ok)
        }
        return Application(router: router, configuration: .init(address: .hostname(host, port: port)), logger: logger)
    }
}
