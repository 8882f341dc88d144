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
        responses["503"] = error
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

    private static var limit: [String: Any] { query("limit", "rows, newest first (default 100)", integer: true) }

    static var paths: [String: [String: Any]] { [
        "/health": ["get": operation("Liveness; no token needed", tag: "health", open: true)],
        "/ready": ["get": operation("Redis, Postgres and every service's heartbeat (503 naming what is missing)", tag: "health")],
        "/metrics": ["get": operation("Prometheus text", tag: "health")],
        "/openapi.json": ["get": operation("This document", tag: "health")],
        "/state": ["get": operation("Mode, paused, halted, heartbeats and the durable system_state", tag: "state")],
        "/jobs": ["get": operation("Scheduled jobs: IST schedule, catch-up policy, next fire time, last runs, the leader", tag: "state")],
        "/risk": ["get": operation("risk-gate's last risk snapshot (404 before the first)", tag: "state")],
        "/audit": ["get": operation("Audit log of commands", tag: "reads", parameters: [query("action", "one action only"), limit])],
        "/positions": ["get": operation("Positions", tag: "reads", parameters: [query("status", "filter", enumeration: ["OPEN", "CLOSED"]), limit])],
        "/orders": ["get": operation("Orders", tag: "reads",
                                      parameters: [query("status", "filter", enumeration: ["OPEN", "FILLED", "CANCELLED", "REJECTED"]), limit])],
        "/trades": ["get": operation("Closed trades", tag: "reads", parameters: [limit])],
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
        "/signals": ["get": operation("Signals with score, rank and explanation", tag: "reads", parameters: [limit])],
        "/decisions": ["get": operation("Risk decisions with every gate's verdict", tag: "reads", parameters: [limit])],
        "/pause": ["post": operation("Stop new entries (operator)", tag: "commands")],
        "/resume": ["post": operation("Allow new entries (operator)", tag: "commands")],
        "/flatten": ["post": operation("Kill switch: pause, close every position, cancel every order (operator)", tag: "commands", success: "202")],
        "/universe/reload": ["post": operation("Reload instruments and universe now (operator)", tag: "commands", success: "202")],
        "/strategies/reload": ["post": operation("strategy-ranker re-reads its configuration (operator)", tag: "commands", success: "202")],
        "/mode": ["post": operation("PAPER, or LIVE with the typed phrase and broker credentials (operator)", tag: "commands",
                                    body: ["type": "object", "required": ["mode"],
                                           "properties": ["mode": ["type": "string", "enum": ["PAPER", "LIVE"]],
                                                          "confirm": ["type": "string", "description": "CONFIRM LIVE TRADING"]]])],
    ] }

    static let json: String = {
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "AITRAPP control-api", "version": "1",
                     "description": "The operator's API. Every route except /health needs a bearer token: viewer for reads, operator for commands."],
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
