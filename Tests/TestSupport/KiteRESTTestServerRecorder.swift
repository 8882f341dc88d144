import Foundation

/// What the test Kite REST server received, and the answers queued for its routes.
public actor KiteRESTTestServerRecorder {
    public struct Request: Sendable {
        public var method: String
        public var path: String
        /// Lower-case header names.
        public var headers: [String: String]
        public var body: String

        /// The form fields of the body (`a=1&b=2`, percent-decoded).
        public var form: [String: String] {
            var fields: [String: String] = [:]
            for pair in body.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ") }
                guard let name = parts.first?.removingPercentEncoding else { continue }
                fields[name] = parts.count > 1 ? (parts[1].removingPercentEncoding ?? parts[1]) : ""
            }
            return fields
        }
    }

    public struct Answer: Sendable {
        public var status: Int
        public var body: String
        public var delayMilliseconds: Int

        public init(status: Int, body: String, delayMilliseconds: Int = 0) {
            self.status = status
            self.body = body
            self.delayMilliseconds = delayMilliseconds
        }

        /// Kite's error envelope.
        public static func kiteError(_ status: Int, _ errorType: String, _ message: String) -> Answer {
            Answer(status: status, body: #"{"status":"error","message":"\#(message)","data":null,"error_type":"\#(errorType)"}"#)
        }
    }

    public private(set) var requests: [Request] = []
    private var queued: [String: [Answer]] = [:]
    private var routeCounts: [String: Int] = [:]

    public init() {}

    /// The next `count` requests to `route` (`"POST /orders/regular"`, `"GET /orders"`, `"PUT /orders/regular/:id"`) get `answer`.
    public func enqueue(_ answer: Answer, for route: String, count: Int = 1) {
        queued[route, default: []].append(contentsOf: Array(repeating: answer, count: count))
    }

    /// Records a request; the queued answer for its route (if any) and how many requests
    /// that route has had so far, this one included.
    func record(_ request: Request, route: String) -> (Answer?, Int) {
        requests.append(request)
        routeCounts[route, default: 0] += 1
        guard var answers = queued[route], !answers.isEmpty else { return (nil, routeCounts[route] ?? 0) }
        let answer = answers.removeFirst()
        queued[route] = answers
        return (answer, routeCounts[route] ?? 0)
    }

    public func requests(_ method: String, pathPrefix: String) -> [Request] {
        requests.filter { $0.method == method && $0.path.hasPrefix(pathPrefix) }
    }
}
