import Foundation
import Hummingbird
import Logging
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// A local HTTP server on 127.0.0.1 that answers like Kite Connect v3's REST API with the
/// real bodies in `../shared/data/kite/` (orders.json, order_response.json, …). It records
/// every request (method, path with query, headers, body) and lets a test queue other
/// answers for a route first (an error envelope, a 429, a 503, a slow answer).
public final class KiteRESTTestServer: Sendable {
    public let port: Int
    public let recorder = KiteRESTTestServerRecorder()
    private let task: Task<Void, any Error>

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `dataDirectory`: the directory of Kite's sample bodies.
    public init(dataDirectory: String) async throws {
        let port = TestEnvironment.freePort()
        self.port = port
        let recorder = self.recorder
        var logger = Logger(label: "kite-rest-test-server")
        logger.logLevel = .critical
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            let body = try await request.body.collect(upTo: 1 << 20)
            let path = request.uri.path
            let query = request.uri.query.map { "?" + $0 } ?? ""
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let recorded = KiteRESTTestServerRecorder.Request(method: request.method.rawValue, path: path + query, headers: headers,
                                                              body: String(buffer: body))
            let route = "\(request.method.rawValue) \(Self.routeKey(path))"
            let (scripted, placements) = await recorder.record(recorded, route: route)
            var answer = scripted ?? Self.defaultAnswer(route: route, dataDirectory: dataDirectory)
            // Each placement gets its own order id (order_response.json's, then the next numbers),
            // so several orders can be told apart in the order book, postbacks and modifies.
            if scripted == nil, route == "POST /orders/regular", placements > 1 {
                answer.body = answer.body.replacingOccurrences(of: "151220000000000", with: String(151_220_000_000_000 + placements - 1))
            }
            if answer.delayMilliseconds > 0 { try await Task.sleep(for: .milliseconds(answer.delayMilliseconds)) }
            return Response(status: .init(code: answer.status), headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: answer.body)))
        }
        let app = Application(responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        task = Task { try await app.runService(gracefulShutdownSignals: []) }
        let up = await TestEnvironment.eventually(timeout: .seconds(10), every: .milliseconds(50)) { TestEnvironment.accepts(port: port) }
        guard up else {
            task.cancel()
            throw KiteTestServerError(description: "the test Kite REST server did not start on \(port)")
        }
    }

    public func stop() async {
        task.cancel()
        _ = await task.result
    }

    /// `../shared/data/kite` beside the package root.
    public static var sharedKiteDataDirectory: String {
        TestEnvironment.root.appendingPathComponent("../shared/data/kite").standardizedFileURL.path
    }


    /// `/orders/regular/151220000000000` → `/orders/regular/:id` (the route answers are keyed by).
    public static func routeKey(_ path: String) -> String {
        let parts = path.split(separator: "/").map(String.init)
        switch parts.count {
        case 3 where parts[0] == "orders" && parts[2] == "trades": return "/orders/:id/trades"
        case 3 where parts[0] == "orders": return "/orders/\(parts[1])/:id"
        case 2 where parts[0] == "orders" && parts[1] != "regular" && parts[1] != "autoslice": return "/orders/:id"
        default: return path
        }
    }

    private static func defaultAnswer(route: String, dataDirectory: String) -> KiteRESTTestServerRecorder.Answer {
        let file: String?
        switch route {
        case "POST /orders/regular": file = "order_response.json"
        case "POST /orders/autoslice": file = "autoslice_response.json"
        case "PUT /orders/regular/:id", "PUT /orders/autoslice/:id": file = "order_modify.json"
        case "DELETE /orders/regular/:id", "DELETE /orders/autoslice/:id": file = "order_cancel.json"
        case "GET /orders": file = "orders.json"
        case "GET /orders/:id": file = "order_info.json"
        case "GET /orders/:id/trades": file = "order_trades.json"
        case "GET /trades": file = "trades.json"
        case "GET /portfolio/positions": file = "positions.json"
        default: file = nil
        }
        guard let file, let text = try? String(contentsOfFile: dataDirectory + "/" + file, encoding: .utf8) else {
            return .init(status: 404, body: #"{"status":"error","message":"Route not found","data":null,"error_type":"GeneralException"}"#)
        }
        return .init(status: 200, body: text)
    }
}
