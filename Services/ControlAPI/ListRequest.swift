import Foundation
import Hummingbird
import Messages
import PostgresStore
import ServiceKit
import TradingCore

/// The query of a list endpoint (`/positions`, `/orders`, `/trades`, `/signals`,
/// `/decisions`, `/audit`), checked: `from` / `to` (ISO-8601 timestamps, or `yyyy-MM-dd` IST
/// days: `from` the day's start, `to` the day's end), `symbol`, `strategy`, `status` (the
/// endpoint's values), `action` (audit), `limit` (1…1000, default 100) and `cursor` (from the
/// previous page's `X-Next-Cursor` header). Anything else, or a bad value, is a 400.
enum ListRequest {
    struct Options {
        var statuses: [String] = []
        var symbol = true
        var strategy = true
        var action = false
    }

    static func query(_ request: Request, _ options: Options) throws(APIError) -> ListPage.Query {
        let parameters = request.uri.queryParameters
        var known: Set<String> = ["from", "to", "limit", "cursor"]
        if options.symbol { known.insert("symbol") }
        if options.strategy { known.insert("strategy") }
        if !options.statuses.isEmpty { known.insert("status") }
        if options.action { known.insert("action") }
        for (key, _) in parameters where !known.contains(String(key)) {
            throw APIError(code: .badRequest, message: "unknown parameter \"\(key.prefix(40))\" (known: \(known.sorted().joined(separator: ", ")))")
        }
        var query = ListPage.Query(limit: try limit(parameters.get("limit")))
        query.from = try time(parameters.get("from"), name: "from", endOfDay: false)
        query.to = try time(parameters.get("to"), name: "to", endOfDay: true)
        if let from = query.from.flatMap(Timestamp.parse), let to = query.to.flatMap(Timestamp.parse), from >= to {
            throw APIError(code: .badRequest, message: "from must be before to")
        }
        if let symbol = parameters.get("symbol") {
            guard StreamChannels.isSymbol(symbol) else { throw APIError(code: .badRequest, message: "symbol must be an NSE symbol such as NIFTY") }
            query.symbol = symbol
        }
        if let strategy = parameters.get("strategy") {
            guard !strategy.isEmpty, strategy.count <= 64, strategy.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw APIError(code: .badRequest, message: "strategy must be a strategy name such as ema_cross")
            }
            query.strategy = strategy
        }
        if let raw = parameters.get("status") {
            let status = raw.uppercased()
            guard options.statuses.contains(status) else {
                throw APIError(code: .badRequest, message: "status must be one of \(options.statuses.joined(separator: ", "))")
            }
            query.status = status
        }
        if let action = parameters.get("action") {
            guard !action.isEmpty, action.count <= 64 else { throw APIError(code: .badRequest, message: "action must be 1 to 64 characters") }
            query.action = action
        }
        if let cursor = parameters.get("cursor") { query.after = try decode(cursor) }
        return query
    }

    static func limit(_ raw: String?) throws(APIError) -> Int {
        guard let raw else { return 100 }
        guard let limit = Int(raw), (1...1000).contains(limit) else {
            throw APIError(code: .badRequest, message: "limit must be an integer from 1 to 1000")
        }
        return limit
    }

    /// An ISO-8601 timestamp as is, or an IST day as its start (`from`) or the next day's start (`to`).
    static func time(_ raw: String?, name: String, endOfDay: Bool) throws(APIError) -> String? {
        guard let raw else { return nil }
        if raw.count == 10, raw.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }),
           let day = Timestamp.parse(raw + "T00:00:00+05:30"), IST.dayString(day) == raw {
            return Timestamp.format(endOfDay ? day.addingTimeInterval(86_400) : day)
        }
        guard raw.count <= 40, let date = Timestamp.parse(raw), date.timeIntervalSince1970 > 0, date.timeIntervalSince1970 < 32_503_680_000 else {
            throw APIError(code: .badRequest, message: "\(name) must be an ISO-8601 timestamp or a yyyy-MM-dd day (IST)")
        }
        return Timestamp.format(date)
    }

    /// The opaque cursor: base64url of `v1|<time>|<id>`.
    static func encode(_ last: String) -> String {
        Data(("v1|" + last).utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ cursor: String) throws(APIError) -> (time: String, id: String) {
        let invalid = APIError(code: .badRequest, message: "cursor is not one this API gave out (use the X-Next-Cursor header of the previous page)")
        guard cursor.count <= 200 else { throw invalid }
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { throw invalid }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[0] == "v1", Timestamp.parse(parts[1]) != nil,
              UUID(uuidString: parts[2]) != nil || (Int64(parts[2]).map { $0 > 0 } ?? false) else { throw invalid }
        return (parts[1], parts[2])
    }

    /// The page with `X-Next-Cursor` when there may be more.
    static func response(_ page: (body: String, next: String?)) -> Response {
        var response = JSONResponse.make(.ok, page.body)
        if let next = page.next { response.headers[.init("X-Next-Cursor")!] = encode(next) }
        return response
    }
}
