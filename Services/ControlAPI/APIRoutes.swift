import Foundation
import Hummingbird
import Messages
import PostgresStore
import ServiceKit
import TradingCore

/// The HTTP routes. Reads come from Postgres (the truth) and the Redis state keys.
enum APIRoutes {
    static let services = ["marketdata", "strategy-ranker", "risk-gate", "executor", "scheduler-worker", "control-api"]

    static func make(commands: ControlCommands, context: ServiceKitContext, tokens: TokenStore) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: CORSAllowList(origins: Set(context.config.list("control_api.cors_origins", default: []))))
        router.add(middleware: AuthMiddleware(tokens: tokens, failures: RateLimiter(
            perSecond: context.require { try context.config.double("control_api.auth_failures_per_second", default: 1) },
            burst: context.require { try context.config.int("control_api.auth_failures_burst", default: 10) })))
        router.add(middleware: RateLimiter(
            perSecond: context.require { try context.config.double("control_api.rate_limit_per_second", default: 50) },
            burst: context.require { try context.config.int("control_api.rate_limit_burst", default: 100) }))
        let database = context.database
        let registry = context.registry

        router.get("/health") { _, _ in JSONResponse.make(.ok, "{\"status\":\"ok\"}") }
        DashboardRoutes.add(to: router)

        // Readiness: Redis and Postgres answer and every service's heartbeat is fresh (its key
        // lives 15 s). 503 with what is missing otherwise.
        router.get("/ready") { _, _ -> Response in
            var missing: [String] = []
            let heartbeats = try? await context.redis.pipeline(services.map { ["GET", Channel.Key.heartbeat($0)] })
            if let heartbeats {
                for (service, reply) in zip(services, heartbeats) where reply.string == nil { missing.append("heartbeat:\(service)") }
            } else {
                missing.append("redis")
            }
            let postgres = (try? await database.query("SELECT 1 AS one").count) == 1
            if !postgres { missing.append("postgres") }
            let body = "{\"ready\":\(missing.isEmpty),\"missing\":[\(missing.map(JSONResponse.quote).joined(separator: ","))]}"
            return JSONResponse.make(missing.isEmpty ? .ok : .serviceUnavailable, body)
        }

        router.get("/openapi.json") { _, _ in JSONResponse.make(.ok, OpenAPIDocument.json) }

        // The live stream (a WebSocket upgrade is answered by StreamRoute; this is the rest).
        router.get("/ws") { request, _ in await respond { try StreamRoute.fallback(request) } }

        router.get("/metrics") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }

        router.get("/state") { _, _ in
            await respond {
                let durable = try await database.withConnection { db in try SystemStateRepository.allJSON(on: db) }
                let replies = try await context.redis.pipeline(
                    [["GET", Channel.Key.mode], ["GET", Channel.Key.paused], ["GET", Channel.Key.halted]]
                        + services.map { ["GET", Channel.Key.heartbeat($0)] })
                let heartbeats = zip(services, replies.dropFirst(3)).map { name, reply in
                    "\(JSONResponse.quote(name)):" + (reply.string.map(JSONResponse.quote) ?? "null")
                }.joined(separator: ",")
                let mode = replies[0].string ?? "PAPER"
                // Paused / halted if either store says so (risk-gate decides the same way).
                let flags = try await database.withConnection { db in
                    (try SystemStateRepository.get("paused", on: db) == "true", try SystemStateRepository.get("halted", on: db) == "true")
                }
                let paused = replies[1].string == "1" || flags.0
                let halted = replies[2].string == "1" || flags.1
                return "{\"mode\":\(JSONResponse.quote(mode)),\"paused\":\(paused),\"halted\":\(halted),"
                    + "\"heartbeats\":{\(heartbeats)},\"durable\":\(durable)}"
            }
        }

        // The risk state as risk-gate last wrote it (heat, day P&L and R, limits, breaches).
        router.get("/risk") { _, _ in
            await respond {
                guard let snapshot = try await context.redis.get(Channel.Key.riskSnapshot) else {
                    throw APIError(code: .notFound, message: "no risk snapshot yet: is risk-gate running?")
                }
                return snapshot
            }
        }

        router.get("/audit") { request, _ in
            await respondList(request, .init(symbol: false, strategy: false, action: true), ListPage.audit, database)
        }

        // One trade with its chain: signal → decision → orders → fills.
        router.get("/trades/:id") { request, context in
            await respond {
                guard let raw = context.parameters.get("id"), let id = UUID(uuidString: raw) else {
                    throw APIError(code: .badRequest, message: "trade id must be a UUID")
                }
                guard let chain = try await database.withConnection({ db in try TradeRepository.chainJSON(id: id, on: db) }) else {
                    throw APIError(code: .notFound, message: "no trade \(id.uuidString.lowercased())")
                }
                return chain
            }
        }

        router.get("/positions") { request, _ in
            await respondList(request, .init(statuses: ["OPEN", "CLOSED"]), ListPage.positions, database)
        }

        router.get("/orders") { request, _ in
            await respondList(request, .init(statuses: ["OPEN", "FILLED", "CANCELLED", "REJECTED"]), ListPage.orders, database)
        }

        router.get("/trades") { request, _ in
            await respondList(request, .init(statuses: ExitReason.allCases.map(\.rawValue)), ListPage.trades, database)
        }

        router.get("/signals") { request, _ in
            await respondList(request, .init(), ListPage.signals, database)
        }

        router.get("/decisions") { request, _ in
            await respondList(request, .init(statuses: ["APPROVED", "REJECTED"]), ListPage.decisions, database)
        }

        let schedule = context.require { try JobScheduleLoader.load(context.config) }
        router.get("/jobs") { _, _ in
            await respond { try await JobsView.body(schedule: schedule, now: context.clock.now(), context: context) }
        }

        router.post("/pause") { request, context in
            await respond {
                _ = try await RequestBody.read(request)
                return try await commands.setPaused(true, actor: actor(context), remote: remote(request, context))
            }
        }
        router.post("/resume") { request, context in
            await respond {
                _ = try await RequestBody.read(request)
                return try await commands.setPaused(false, actor: actor(context), remote: remote(request, context))
            }
        }
        router.post("/flatten") { request, context in
            await respond(status: .accepted) {
                _ = try await RequestBody.read(request)
                return try await commands.flatten(actor: actor(context), remote: remote(request, context))
            }
        }
        router.post("/positions/:id/close") { request, context in
            await respond(status: .accepted) {
                _ = try await RequestBody.read(request)
                guard let raw = context.parameters.get("id"), let id = UUID(uuidString: raw) else {
                    throw APIError(code: .badRequest, message: "position id must be a UUID")
                }
                return try await commands.closePosition(id: id, actor: actor(context), remote: remote(request, context))
            }
        }
        router.post("/universe/reload") { request, context in
            await respond(status: .accepted) {
                _ = try await RequestBody.read(request)
                return try await commands.reloadUniverse(actor: actor(context), remote: remote(request, context))
            }
        }
        router.post("/strategies/reload") { request, context in
            await respond(status: .accepted) {
                _ = try await RequestBody.read(request)
                return try await commands.reloadStrategies(actor: actor(context), remote: remote(request, context))
            }
        }
        router.post("/mode") { request, context in
            await respond {
                let body = try await RequestBody.read(request, fields: ["mode": .string, "confirm": .string])
                return try await commands.setMode(body: body, actor: actor(context), remote: remote(request, context))
            }
        }
        BacktestRoutes.register(on: router, context: context)
        return router
    }

    /// Runs a handler; APIError maps to its status, anything else is a 503 without details.
    static func respond(status: HTTPResponse.Status = .ok, _ body: () async throws -> String) async -> Response {
        do {
            return JSONResponse.make(status, try await body())
        } catch let error as APIError {
            return error.response
        } catch {
            return APIError(code: .unavailable, message: "storage unavailable").response
        }
    }

    /// A list endpoint: filters and cursor from the query, the page from Postgres.
    static func respondList(_ request: Request, _ options: ListRequest.Options, _ table: ListPage.Table,
                            _ database: PostgresDatabase) async -> Response {
        do {
            let query = try ListRequest.query(request, options)
            let page = try await database.withConnection { db in try ListPage.json(table, query, on: db) }
            return ListRequest.response(page)
        } catch let error as APIError {
            return error.response
        } catch {
            return APIError(code: .unavailable, message: "storage unavailable").response
        }
    }

    static func statusFilter(_ request: Request, allowed: [String]) throws -> String? {
        guard let raw = request.uri.queryParameters.get("status") else { return nil }
        let value = raw.uppercased()
        guard allowed.contains(value) else {
            throw APIError(code: .badRequest, message: "status must be one of \(allowed.joined(separator: ", "))")
        }
        return value
    }

    static func limitParameter(_ request: Request) throws -> Int {
        guard let raw = request.uri.queryParameters.get("limit") else { return 100 }
        guard let limit = Int(raw), (1...1000).contains(limit) else {
            throw APIError(code: .badRequest, message: "limit must be an integer from 1 to 1000")
        }
        return limit
    }

    /// The audit log's "who": the token's name.
    static func actor(_ context: APIRequestContext) -> String {
        context.principal?.name ?? "unknown"
    }

    /// The audit log's "from where": the TCP peer, with `X-Forwarded-For` when a proxy sent one.
    static func remote(_ request: Request, _ context: APIRequestContext) -> String? {
        let forwarded = request.headers[.init("X-Forwarded-For")!]
        switch (context.peer, forwarded) {
        case let (peer?, forwarded?): return "\(peer) (for \(forwarded))"
        case let (peer, forwarded): return peer ?? forwarded
        }
    }
}
