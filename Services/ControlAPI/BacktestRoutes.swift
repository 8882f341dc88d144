import Foundation
import Hummingbird
import PostgresStore
import ServiceKit
import TradingCore

/// `POST /backtest` (operator): starts a backtest as a job in this process — the same core as
/// `aitrapp backtest` — and answers 202 with its id; `GET /backtest/{id}`: its status
/// (QUEUED, RUNNING, DONE, FAILED), metrics and the link to its report; `GET /backtest/{id}/report`:
/// the self-contained `report.html`. Bar files are named relative to `control_api.backtest_data_dir`
/// (default `data`; no `..`), run folders go to `control_api.backtest_runs_dir/<id>` (default
/// `.data/backtests`); the job's life is the `backtest_runs` row. The configuration is the
/// services' own, with the request's `strategy`, `capital` and `seed` on top.
enum BacktestRoutes {
    struct StartRequest: Decodable {
        var strategy: String
        var data: [String]
        var from: String?
        var to: String?
        var capital: Double?
        var seed: UInt64?
    }

    static func register(on router: Router<APIRequestContext>, context: ServiceKitContext) {
        let database = context.database
        let dataDirectory = context.config.string("control_api.backtest_data_dir", default: "data")
        let runsDirectory = context.config.string("control_api.backtest_runs_dir", default: ".data/backtests")
        let baseValues = context.config.values

        router.post("/backtest") { request, requestContext in
            let body = try await request.body.collect(upTo: 64 * 1024)
            return await APIRoutes.respond(status: .accepted) {
                guard let start = try? JSONDecoder().decode(StartRequest.self, from: Data(buffer: body)) else {
                    throw APIError(code: .badRequest, message: "body must be {\"strategy\":…,\"data\":[\"SYMBOL=file.csv\"],…}")
                }
                var values = baseValues
                values["strategies.enabled"] = start.strategy
                if let capital = start.capital {
                    guard capital > 0 else { throw APIError(code: .badRequest, message: "capital must be positive") }
                    values["risk_gate.capital"] = String(format: "%.2f", capital)
                }
                if let seed = start.seed { values["backtest.seed"] = String(seed) }
                do { _ = try BacktestSettings(values: values) } catch {
                    throw APIError(code: .badRequest, message: "\(error)")
                }
                guard !start.data.isEmpty else { throw APIError(code: .badRequest, message: "data names at least one bar file") }
                var inputs: [(symbol: String, path: String)] = []
                for entry in start.data {
                    let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                    let (symbol, name) = parts.count == 2 ? (parts[0], parts[1]) : ("NIFTY", parts[0])
                    guard !name.isEmpty, !name.hasPrefix("/"), !name.split(separator: "/").contains("..") else {
                        throw APIError(code: .badRequest, message: "data file '\(name)' must be a path inside the backtest data directory")
                    }
                    let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent(name).path
                    guard FileManager.default.isReadableFile(atPath: path) else {
                        throw APIError(code: .badRequest, message: "no readable data file '\(name)'")
                    }
                    inputs.append((symbol, path))
                }
                for day in [start.from, start.to].compactMap({ $0 }) where !isDay(day) {
                    throw APIError(code: .badRequest, message: "dates are yyyy-MM-dd, got '\(day)'")
                }
                let id = UUID()
                let out = URL(fileURLWithPath: runsDirectory).appendingPathComponent(id.uuidString.lowercased()).standardizedFileURL.path
                let job = BacktestRunRepository.Request(id: id, kind: "backtest", source: "api", strategies: start.strategy,
                                                        dataJSON: "[]", from: start.from, to: start.to, outDir: out)
                let requestJSON = String(decoding: Data(buffer: body), as: UTF8.self)
                let actor = APIRoutes.actor(requestContext), remote = APIRoutes.remote(request, requestContext)
                try await database.withConnection { db in
                    try BacktestRunRepository.insertQueued(job, at: Date(), on: db)
                    try AuditRepository.insert(actor: actor, action: "backtest.start", requestJSON: requestJSON, result: "accepted",
                                               remoteAddress: remote, configSha: nil, on: db)
                }
                Task.detached { await BacktestJob.run(job, inputs: inputs, values: values, database: database) }
                let id36 = id.uuidString.lowercased()
                return "{\"id\":\"\(id36)\",\"status\":\"QUEUED\",\"links\":{\"self\":\"/backtest/\(id36)\",\"report\":\"/backtest/\(id36)/report\"}}"
            }
        }

        router.get("/backtest/:id") { _, requestContext in
            await APIRoutes.respond {
                let id = try runID(requestContext)
                guard let row = try await database.withConnection({ db in try BacktestRunRepository.fetch(id, on: db) }) else {
                    throw APIError(code: .notFound, message: "no backtest \(id.uuidString.lowercased())")
                }
                let status = try row.string("status")
                func text(_ column: String) throws -> String { try row.optionalString(column).map(JSONResponse.quote) ?? "null" }
                let report = status == "DONE" ? JSONResponse.quote("/backtest/\(id.uuidString.lowercased())/report") : "null"
                return "{\"id\":\(try text("id")),\"kind\":\(try text("kind")),\"status\":\(JSONResponse.quote(status)),"
                    + "\"strategies\":\(try text("strategies")),\"from\":\(try text("from_day")),\"to\":\(try text("to_day")),"
                    + "\"config_sha\":\(try text("config_sha")),\"metrics\":\(try row.optionalString("metrics") ?? "null"),"
                    + "\"data\":\(try row.string("data")),\"error\":\(try text("error")),\"report\":\(report)}"
            }
        }

        router.get("/backtest/:id/report") { _, requestContext -> Response in
            do {
                let id = try runID(requestContext)
                let row = try await database.withConnection { db in try BacktestRunRepository.fetch(id, on: db) }
                guard let row, try row.string("status") == "DONE", let folder = try row.optionalString("out_dir"),
                      let html = FileManager.default.contents(atPath: URL(fileURLWithPath: folder).appendingPathComponent("report.html").path) else {
                    throw APIError(code: .notFound, message: "no finished backtest \(id.uuidString.lowercased()) with a report")
                }
                return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: html)))
            } catch let error as APIError {
                return error.response
            } catch {
                return APIError(code: .unavailable, message: "storage unavailable").response
            }
        }
    }

    static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        return parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
            && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
    }

    static func runID(_ context: APIRequestContext) throws -> UUID {
        guard let raw = context.parameters.get("id"), let id = UUID(uuidString: raw) else {
            throw APIError(code: .badRequest, message: "backtest id must be a UUID")
        }
        return id
    }
}
