import Foundation
import PostgresStore
import RedisBus
import TestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real service executables, started as processes against a private redis-server on a
/// free port and a fresh database, so end-to-end tests never see another stack's events.
final class ServiceStack: @unchecked Sendable {
    static let services = ["marketdata", "strategy-ranker", "risk-gate", "executor", "scheduler-worker", "control-api"]

    let database: TemporaryDatabase
    let redisPort: Int
    let apiPort: Int
    let metricsPorts: [String: Int]
    let logDirectory: URL
    private var environment: [String: String]
    private var redisServer: Process?
    private(set) var processes: [String: Process] = [:]

    static var binDirectory: URL {
        if let override = ProcessInfo.processInfo.environment["AITRAPP_BIN"] { return URL(fileURLWithPath: override) }
        return TestEnvironment.root.appendingPathComponent(".build/debug")
    }

    var redisURL: String { "redis://127.0.0.1:\(redisPort)" }
    var apiBase: String { "http://127.0.0.1:\(apiPort)" }
    /// control-api's tokens for this stack (`http` sends the operator's unless told otherwise).
    let operatorToken = "op-" + TestEnvironment.uniqueName("token")
    let viewerToken = "view-" + TestEnvironment.uniqueName("token")

    init(overrides: [String: String]) async throws {
        database = try await TemporaryDatabase.create()
        redisPort = TestEnvironment.freePort()
        apiPort = TestEnvironment.freePort()
        var ports: [String: Int] = [:]
        for service in Self.services where service != "control-api" { ports[service] = TestEnvironment.freePort() }
        metricsPorts = ports
        logDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(TestEnvironment.uniqueName("aitrapp-e2e"))
        try FileManager.default.createDirectory(at: logDirectory, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment
        env["AITRAPP_CONFIG"] = TestEnvironment.root.appendingPathComponent("deploy/config/aitrapp.yaml").path
        env["AITRAPP_REDIS_URL"] = "redis://127.0.0.1:\(redisPort)"
        env["AITRAPP_POSTGRES_URL"] = database.url
        env["AITRAPP_CONTROL_API_PORT"] = String(apiPort)
        env["AITRAPP_MARKETDATA_METRICS_PORT"] = String(ports["marketdata"]!)
        env["AITRAPP_STRATEGY_RANKER_METRICS_PORT"] = String(ports["strategy-ranker"]!)
        env["AITRAPP_RISK_GATE_METRICS_PORT"] = String(ports["risk-gate"]!)
        env["AITRAPP_EXECUTOR_METRICS_PORT"] = String(ports["executor"]!)
        env["AITRAPP_SCHEDULER_WORKER_METRICS_PORT"] = String(ports["scheduler-worker"]!)
        env["AITRAPP_OPERATOR_TOKEN"] = operatorToken
        env["AITRAPP_VIEWER_TOKEN"] = viewerToken
        env.removeValue(forKey: "KITE_API_KEY")
        env.removeValue(forKey: "KITE_ACCESS_TOKEN")
        for (key, value) in overrides { env[key] = value }
        environment = env

        let redis = Process()
        redis.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        redis.arguments = ["redis-server", "--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        redis.standardOutput = try logHandle("redis-server")
        redis.standardError = redis.standardOutput
        try redis.run()
        redisServer = redis
        let client = RedisClient(configuration: RedisConfiguration(host: "127.0.0.1", port: redisPort), logger: TestEnvironment.logger)
        guard await TestEnvironment.eventually(timeout: .seconds(10), { (try? await client.ping()) == true }) else {
            throw StackError("redis-server did not start on \(redisPort)")
        }
        try await database.migrate()
    }

    private func logHandle(_ name: String) throws -> FileHandle {
        let url = logDirectory.appendingPathComponent("\(name).log")
        if !FileManager.default.fileExists(atPath: url.path) { FileManager.default.createFile(atPath: url.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
        return handle
    }

    /// Starts one service executable (`instance` names a second copy of the same one).
    func start(_ service: String, instance: String? = nil, extraEnvironment: [String: String] = [:]) throws {
        let name = instance ?? service
        let process = Process()
        process.executableURL = Self.binDirectory.appendingPathComponent(service)
        process.environment = environment.merging(extraEnvironment) { $1 }
        let handle = try logHandle(name)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        processes[name] = process
    }

    /// SIGTERM, then waits for a graceful exit; returns the exit status.
    @discardableResult
    func stop(_ service: String, timeout: Duration = .seconds(10)) async -> Int32? {
        guard let process = processes[service] else { return nil }
        if process.isRunning { process.terminate() }
        _ = await TestEnvironment.eventually(timeout: timeout) { !process.isRunning }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        processes[service] = nil
        return process.isRunning ? nil : process.terminationStatus
    }

    func isRunning(_ service: String) -> Bool { processes[service]?.isRunning ?? false }

    func log(_ service: String) -> String {
        (try? String(contentsOf: logDirectory.appendingPathComponent("\(service).log"), encoding: .utf8)) ?? ""
    }

    /// Stops every process and drops the database.
    func shutdown() async {
        for service in Array(processes.keys) { await stop(service) }
        if let redis = redisServer {
            redis.terminate()
            if !(await TestEnvironment.eventually(timeout: .seconds(5), { !redis.isRunning })) { kill(redis.processIdentifier, SIGKILL) }
        }
        await database.drop()
    }

    // MARK: HTTP

    /// A request to control-api (or another port) with `Authorization: Bearer <token>`;
    /// the operator's token by default, none when `token` is "".
    func http(_ method: String, _ path: String, body: String? = nil, port: Int? = nil,
              token: String? = nil) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port ?? apiPort)\(path)")!)
        request.httpMethod = method
        request.timeoutInterval = 5
        let bearer = token ?? operatorToken
        if !bearer.isEmpty { request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
        if let body { request.httpBody = Data(body.utf8) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
}

struct StackError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
