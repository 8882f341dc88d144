import Foundation

/// The OpenAPI 3.1 description of control-api, served at `/openapi.json`. An end-to-end
/// test compares its paths with the routes registered in `APIRoutes`, so it stays true.
enum OpenAPIDocument {
    private static var error: [String: Any] {
        ["description": "`{\"error\":{\"code\",\"message\"}}`",
         "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
    }

    private static func operation(_ summary: String, tag: String, parameters: [[String: Any]] = [], body: [String: Any]? = nil,
                                  success: String = "200", open: Bool = false) -> [String: Any] {
        var responses: [String: Any] = [success: ["description": "OK", "content": ["application/json": ["schema": ["type": "object"]]]]]
        if !open {
            responses["401"] = error
            responses["403"] = error
        }
        responses["400"] = error
        responses["429"] = error
        responses["503"] = error
        if body != nil || success == "202" || tag == "commands" { responses["413"] = error }
        var result: [String: Any] = ["summary": summary, "tags": [tag], "responses": responses]
        if !parameters.isEmpty { result["parameters"] = parameters }
        if let body { result["requestBody"] = ["required": true, "content": ["application/json": ["schema": body]]] }
        if open { result["security"] = [[String: Any]]() }
        return result
    }

    private static func query(_ name: String, _ description: String, enumeration: [String]? = nil, integer: Bool = false) -> [String: Any] {
        var schema: [String: Any] = ["type": integer ? "integer" : "string"]
        if let enumeration { schema["enum"] = enumeration }
        if integer { schema["minimum"] = 1; schema["maximum"] = 1000 }
        return ["name": name, "in": "query", "required": false, "description": description, "schema": schema]
    }

    /// A dashboard file: no token, not JSON.
    private static func page(_ summary: String, type: String) -> [String: Any] {
        ["summary": summary, "tags": ["dashboard"], "security": [[String: Any]](),
         "responses": ["200": ["description": "OK", "content": [type: ["schema": ["type": "string"]]]]]]
    }

    /// `/ws`: described as far as OpenAPI can describe a WebSocket.
    private static var stream: [String: Any] {
        var result = operation("Live events over a WebSocket (101 on upgrade; 426 without one). Token: the Authorization header, "
                               + "or the subprotocols [\"aitrapp.bearer\", TOKEN], or ?token=. Frames: "
                               + "{\"channel\",\"event\"}, a welcome and periodic heartbeats with the count of dropped frames",
                               tag: "stream",
                               parameters: [query("channels", "comma-separated: signals, decisions, orders, fills, positions, trades, risk, "
                                                  + "control, jobs, reports, regime, md.instruments, md.tick.<SYMBOL>, md.bar.<tf>.<SYMBOL>, "
                                                  + "md.chain.<SYMBOL>, or md.tick.*, md.bar.*, md.bar.<tf>.*, md.chain.* "
                                                  + "(default: every channel but market data)"),
                                            query("token", "the bearer token, for clients that cannot send headers")])
        var responses = result["responses"] as? [String: Any] ?? [:]
        responses["200"] = nil
        responses["101"] = ["description": "Switching Protocols: the stream"]
        responses["426"] = error
        result["responses"] = responses
        return result
    }

    private static var modeOperation: [String: Any] {
        var result = operation("PAPER, or LIVE with the typed phrase, broker credentials and no open position (operator)", tag: "commands",
                               body: ["type": "object", "required": ["mode"], "additionalProperties": false,
                                      "properties": ["mode": ["type": "string", "enum": ["PAPER", "LIVE"]],
                                                     "confirm": ["type": "string", "description": "CONFIRM LIVE TRADING"]]])
        var responses = result["responses"] as? [String: Any] ?? [:]
        responses["409"] = error
        result["responses"] = responses
        return result
    }

    private static var closeOperation: [String: Any] {
        var result = operation("Close one open position at market through the executor (operator); 404 unknown, 409 not open",
                               tag: "commands", parameters: [["name": "id", "in": "path", "required": true,
                                                              "schema": ["type": "string", "format": "uuid"]]], success: "202")
        var responses = result["responses"] as? [String: Any] ?? [:]
        responses["404"] = error
        responses["409"] = error
        result["responses"] = responses
        return result
    }

    private static var symbol: [String: Any] { query("symbol", "one NSE symbol, e.g. NIFTY") }
    private static var strategy: [String: Any] { query("strategy", "rows of one strategy (through the signal), e.g. ema_cross") }

    /// A list endpoint: its own filters plus the date range, limit and cursor; a full page
    /// carries the next cursor in `X-Next-Cursor`.
    private static func list(_ summary: String, _ filters: [[String: Any]]) -> [String: Any] {
        let common = [query("from", "inclusive: ISO-8601 timestamp or yyyy-MM-dd (IST day start)"),
                      query("to", "exclusive: ISO-8601 timestamp or yyyy-MM-dd (IST day end)"), limit,
                      query("cursor", "the X-Next-Cursor of the previous page (opaque; 400 when not one)")]
        var result = operation(summary + ", newest first", tag: "reads", parameters: filters + common)
        var responses = result["responses"] as? [String: Any] ?? [:]
        responses["200"] = ["description": "OK", "headers": ["X-Next-Cursor": ["description": "present when the page is full",
                                                                                  "schema": ["type": "string"]]],
                            "content": ["application/json": ["schema": ["type": "array", "items": ["type": "object"]]]]]
        result["responses"] = responses
        return result
    }

    private static var limit: [String: Any] { query("limit", "rows, newest first (default 100)", integer: true) }

    static var paths: [String: [String: Any]] { [
        "/health": ["get": operation("Liveness; no token needed", tag: "health", open: true)],
        "/": ["get": page("The operator's dashboard (HTML; asks for a token, kept in sessionStorage)", type: "text/html")],
        "/dashboard.css": ["get": page("The dashboard's stylesheet", type: "text/css")],
        "/dashboard.js": ["get": page("The dashboard's script", type: "text/javascript")],
        "/ws": ["get": stream],
        "/ready": ["get": operation("Redis, Postgres and every service's heartbeat (503 naming what is missing)", tag: "health")],
        "/metrics": ["get": operation("Prometheus text", tag: "health")],
        "/openapi.json": ["get": operation("This document", tag: "health")],
        "/state": ["get": operation("Mode, paused, halted, heartbeats and the durable system_state", tag: "state")],
        "/jobs": ["get": operation("Scheduled jobs: IST schedule, catch-up policy, next fire time, last runs, the leader", tag: "state")],
        "/risk": ["get": operation("risk-gate's last risk snapshot (404 before the first)", tag: "state")],
        "/audit": ["get": list("Audit log of commands", [query("action", "one action only")])],
        "/positions": ["get": list("Positions", [symbol, strategy, query("status", "filter", enumeration: ["OPEN", "CLOSED"])])],
        "/orders": ["get": list("Orders", [symbol, strategy, query("status", "filter", enumeration: ["OPEN", "FILLED", "CANCELLED", "REJECTED"])])],
        "/trades": ["get": list("Closed trades", [symbol, strategy, query("status", "exit reason", enumeration: [
            "STOP", "BREAKEVEN_STOP", "TRAILING_STOP", "TARGET", "TARGET2", "TIME_STOP", "VOLATILITY_STOP", "MAE_STOP",
            "STOP_REJECTED", "FLATTEN", "EOD"])])],
        "/backtest": ["post": operation("Start a backtest as a job (operator): 202 with its id and links", tag: "backtest",
                                        body: ["type": "object", "required": ["strategy", "data"],
                                               "properties": ["strategy": ["type": "string"],
                                                              "data": ["type": "array", "items": ["type": "string"],
                                                                       "description": "PATH or SYMBOL=PATH inside control_api.backtest_data_dir"],
                                                              "from": ["type": "string", "format": "date"], "to": ["type": "string", "format": "date"],
                                                              "capital": ["type": "number"], "seed": ["type": "integer"]]],
                                        success: "202")],
        "/backtest/{id}": ["get": operation("A backtest's status (QUEUED, RUNNING, DONE, FAILED), metrics, error and report link (404 when unknown)",
                                            tag: "backtest", parameters: [["name": "id", "in": "path", "required": true,
                                                                           "schema": ["type": "string", "format": "uuid"]]])],
        "/backtest/{id}/report": ["get": operation("A finished backtest's report.html (text/html; 404 until DONE)", tag: "backtest",
                                                   parameters: [["name": "id", "in": "path", "required": true,
                                                                 "schema": ["type": "string", "format": "uuid"]]])],
        "/trades/{id}": ["get": operation("One trade with its signal, decision, orders and fills (404 when unknown)", tag: "reads",
                                          parameters: [["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]])],
        "/signals": ["get": list("Signals with score, rank and explanation", [symbol, strategy])],
        "/decisions": ["get": list("Risk decisions with every gate's verdict", [symbol, strategy,
                                                                                   query("status", "filter", enumeration: ["APPROVED", "REJECTED"])])],
        "/pause": ["post": operation("Stop new entries (operator)", tag: "commands")],
        "/resume": ["post": operation("Allow new entries (operator)", tag: "commands")],
        "/flatten": ["post": operation("Kill switch: pause, close every position, cancel every order (operator)", tag: "commands", success: "202")],
        "/positions/{id}/close": ["post": closeOperation],
        "/universe/reload": ["post": operation("Reload instruments and universe now (operator)", tag: "commands", success: "202")],
        "/strategies/reload": ["post": operation("strategy-ranker re-reads its configuration (operator)", tag: "commands", success: "202")],
        "/mode": ["post": modeOperation],
    ] }

    static let json: String = {
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "AITRAPP control-api", "version": "1",
                     "description": "The operator's API. Every route except /health and the dashboard's files needs a bearer token: viewer for reads, operator for commands; a static token or an HS256 JWT (sub, role, exp) when AITRAPP_JWT_SECRET is set."],
            "servers": [["url": "http://127.0.0.1:8000"]],
            "security": [["bearer": [String]()]],
            "paths": paths,
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": ["Error": ["type": "object", "required": ["error"], "properties": ["error": [
                    "type": "object", "required": ["code", "message"],
                    "properties": ["code": ["type": "string"], "message": ["type": "string"]]]]]],
            ],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }()
}
