import Foundation
import Logging
import Messages
import PostgresStore
import ServiceKit
import TradingCore

/// The operator's commands: each is recorded (system_state and audit_log) in Postgres,
/// mirrored to the Redis state keys, then published on `control`.
struct ControlCommands: Sendable {
    let context: ServiceKitContext
    let startup = StartupState()

    var configSha: String { context.config.sha(sections: ["risk_gate", "executor", "strategy_ranker", "marketdata"]) }

    /// PAPER at every start; a pause survives a restart, and a pause held by either store
    /// (Postgres or Redis) is kept in both: the reset can only raise the pause, never lower it.
    func resetToPaperWithRetry() async {
        await retryUntilSuccess(logger: context.logger, message: "cannot reset state to PAPER yet, retrying") {
            let redisPaused = try await context.redis.get(Channel.Key.paused) == "1"
            let paused = try await context.database.withConnection { db -> Bool in
                try SystemStateRepository.set("mode", json: "\"PAPER\"", on: db)
                let durable = try SystemStateRepository.get("paused", on: db) == "true"
                let paused = redisPaused || durable
                if paused { try SystemStateRepository.set("paused", json: "true", on: db) }
                return paused
            }
            _ = try await context.redis.pipeline([["SET", Channel.Key.mode, TradingMode.paper.rawValue],
                                              ["SET", Channel.Key.paused, paused ? "1" : "0"]])
            await context.bus.publish(.controlMode, on: Channel.control, trace: TraceID.make(), mode: .paper,
                                      payload: ControlPayload(actor: "control-api", reason: "start", mode: "PAPER"))
            await startup.markDone()
        }
    }

    func setPaused(_ paused: Bool, actor: String, remote: String?) async throws(APIError) -> String {
        let action = paused ? "pause" : "resume"
        try await record(action: action, request: "{}", actor: actor, remote: remote) { db in
            try SystemStateRepository.set("paused", json: paused ? "true" : "false", on: db)
        }
        do {
            try await context.redis.set(Channel.Key.paused, paused ? "1" : "0")
        } catch {
            context.logger.error("paused flag not mirrored to Redis", metadata: ["error": "\(error)"])
        }
        await context.bus.publish(paused ? .controlPause : .controlResume, on: Channel.control, trace: TraceID.make(),
                                  mode: await currentMode(), payload: ControlPayload(actor: actor))
        return "{\"paused\":\(paused)}"
    }

    /// The kill switch: pauses new entries, then closes every position and cancels every
    /// working order. Recorded in Postgres (the executor polls it, so it works without
    /// Redis) and published (so it works without Postgres); it fails only if both are down.
    func flatten(actor: String, remote: String?) async throws(APIError) -> String {
        let trace = TraceID.make()
        let at = Timestamp.format(context.clock.now())
        var recorded = true
        do {
            try await record(action: "flatten", request: "{}", actor: actor, remote: remote) { db in
                try SystemStateRepository.set("paused", json: "true", on: db)
                try SystemStateRepository.set("flatten_requested", json: "{\"trace\":\"\(trace)\",\"at\":\"\(at)\"}", on: db)
            }
        } catch {
            recorded = false
        }
        try? await context.redis.set(Channel.Key.paused, "1")
        let published = await context.bus.publish(.controlFlatten, on: Channel.control, trace: trace, mode: await currentMode(),
                                                  payload: ControlPayload(actor: actor, reason: "operator flatten"))
        guard recorded || published else {
            throw APIError(code: .unavailable, message: "flatten could not be recorded (Postgres) nor published (Redis)")
        }
        return "{\"flatten\":\"requested\",\"paused\":true,\"trace\":\"\(trace)\",\"recorded\":\(recorded),\"published\":\(published)}"
    }

    func setMode(body: RequestBody, actor: String, remote: String?) async throws(APIError) -> String {
        guard let raw = body.string("mode") else {
            throw APIError(code: .badRequest, message: "body must be JSON {\"mode\":\"PAPER\"|\"LIVE\",\"confirm\":\"…\"}")
        }
        guard let mode = TradingMode(rawValue: raw) else {
            throw APIError(code: .badRequest, message: "mode must be PAPER or LIVE")
        }
        let confirm = body.string("confirm")
        let audited = "{\"mode\":\"\(mode.rawValue)\"}"
        if mode == .live {
            guard confirm == TradingMode.liveConfirmationPhrase else {
                try? await audit(action: "mode", request: audited, result: "refused: confirmation phrase", actor: actor, remote: remote)
                throw APIError(code: .confirmationRequired, message: "switching to LIVE needs \"confirm\": \"\(TradingMode.liveConfirmationPhrase)\"")
            }
            let environment = ProcessInfo.processInfo.environment
            guard !(environment["KITE_API_KEY"] ?? "").isEmpty, !(environment["KITE_ACCESS_TOKEN"] ?? "").isEmpty else {
                try? await audit(action: "mode", request: audited, result: "refused: no broker credentials", actor: actor, remote: remote)
                throw APIError(code: .brokerCredentialsMissing, message: "LIVE needs KITE_API_KEY and KITE_ACCESS_TOKEN to be configured")
            }
            // Paper positions must not be carried into LIVE: flatten first.
            let open: Int
            do {
                open = try await context.database.withConnection { db in try PositionRepository.openCount(on: db) }
            } catch {
                throw APIError(code: .unavailable, message: "cannot check open positions: Postgres unavailable")
            }
            guard open == 0 else {
                try? await audit(action: "mode", request: audited, result: "refused: \(open) open positions", actor: actor, remote: remote)
                throw APIError(code: .positionsOpen, message: "LIVE needs a flat book: \(open) position(s) open (POST /flatten first)")
            }
        }
        guard await startup.isDone else {
            throw APIError(code: .unavailable, message: "starting up: mode changes are accepted once Redis and Postgres answer")
        }
        try await record(action: "mode", request: audited, actor: actor, remote: remote) { db in
            try SystemStateRepository.set("mode", json: "\"\(mode.rawValue)\"", on: db)
        }
        try? await context.redis.set(Channel.Key.mode, mode.rawValue)
        await context.bus.publish(.controlMode, on: Channel.control, trace: TraceID.make(), mode: mode,
                                  payload: ControlPayload(actor: actor, mode: mode.rawValue))
        return "{\"mode\":\"\(mode.rawValue)\"}"
    }

    /// Asks the executor to close one open position at market (`control.close`), recorded in
    /// the audit log. 404 for an unknown position, 409 for one that is not open.
    func closePosition(id: UUID, actor: String, remote: String?) async throws(APIError) -> String {
        let status: String?
        do {
            status = try await context.database.withConnection { db in try PositionRepository.status(id: id, on: db) }
        } catch {
            throw APIError(code: .unavailable, message: "cannot read the position: Postgres unavailable")
        }
        let name = id.uuidString.lowercased()
        guard let status else { throw APIError(code: .notFound, message: "no position \(name)") }
        guard status == "OPEN" else { throw APIError(code: .positionNotOpen, message: "position \(name) is \(status)") }
        let trace = TraceID.make()
        try await record(action: "position.close", request: "{\"position\":\"\(name)\"}", actor: actor, remote: remote) { _ in }
        let published = await context.bus.publish(.controlClose, on: Channel.control, trace: trace, mode: await currentMode(),
                                                  payload: ControlPayload(actor: actor, reason: "operator close", positionId: id))
        guard published else { throw APIError(code: .unavailable, message: "close not sent: Redis unavailable") }
        return "{\"close\":\"requested\",\"position\":\"\(name)\",\"trace\":\"\(trace)\"}"
    }

    func currentMode() async -> TradingMode {
        (try? await context.redis.get(Channel.Key.mode)).flatMap { $0.flatMap(TradingMode.init(rawValue:)) } ?? .paper
    }

    /// Asks marketdata to reload the instruments and the universe now (an `instruments.sync`
    /// job outside the schedule, slot `manual`), recorded in the audit log.
    func reloadUniverse(actor: String, remote: String?) async throws(APIError) -> String {
        let trace = TraceID.make()
        let now = context.clock.now()
        try await record(action: "universe.reload", request: "{}", actor: actor, remote: remote) { _ in }
        let published = await context.bus.publish(.job, on: Channel.jobs, trace: trace, mode: await currentMode(), payload: JobPayload(
            job: "instruments.sync", tradingDay: IST.dayString(now), slot: "manual", scheduledAt: now))
        guard published else { throw APIError(code: .unavailable, message: "universe reload not sent: Redis unavailable") }
        return "{\"universe\":\"reload requested\",\"trace\":\"\(trace)\"}"
    }

    /// Asks strategy-ranker to re-read its configuration (`strategies.reload` on `control`);
    /// a bad file is refused there, naming the key, and the running config stays.
    func reloadStrategies(actor: String, remote: String?) async throws(APIError) -> String {
        let trace = TraceID.make()
        try await record(action: "strategies.reload", request: "{}", actor: actor, remote: remote) { _ in }
        let published = await context.bus.publish(.strategiesReload, on: Channel.control, trace: trace, mode: await currentMode(),
                                                  payload: ControlPayload(actor: actor, reason: "operator reload"))
        guard published else { throw APIError(code: .unavailable, message: "strategies reload not sent: Redis unavailable") }
        return "{\"strategies\":\"reload requested\",\"trace\":\"\(trace)\"}"
    }

    /// Writes the change and its audit row in one transaction.
    private func record(action: String, request: String, actor: String, remote: String?,
                        change: @escaping @Sendable (any SQLRunner) throws -> Void) async throws(APIError) {
        let sha = configSha
        do {
            try await context.database.transaction { db in
                try change(db)
                try AuditRepository.insert(actor: actor, action: action, requestJSON: request, result: "ok",
                                           remoteAddress: remote, configSha: sha, on: db)
            }
        } catch {
            context.logger.error("command not recorded", metadata: ["command": "\(action)", "error": "\(error)"])
            throw APIError(code: .unavailable, message: "\(action) not applied: Postgres unavailable")
        }
    }

    private func audit(action: String, request: String, result: String, actor: String, remote: String?) async throws {
        let sha = configSha
        try await context.database.withConnection { db in
            try AuditRepository.insert(actor: actor, action: action, requestJSON: request, result: result,
                                       remoteAddress: remote, configSha: sha, on: db)
        }
    }
}
