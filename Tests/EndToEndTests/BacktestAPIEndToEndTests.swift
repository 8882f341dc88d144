import Foundation
import PostgresStore
import Testing
import TestSupport
import TradingCore

/// `POST /backtest` and `GET /backtest/{id}` on the real control-api, Postgres and the real NIFTY file.
@Suite("End to end: backtests through control-api", .serialized)
struct BacktestAPIEndToEndTests {
    @Test func aBacktestJobRunsToDoneWithMetricsAndAReport() async throws {
        let runs = FileManager.default.temporaryDirectory.appendingPathComponent(TestEnvironment.uniqueName("api-backtests"))
        defer { try? FileManager.default.removeItem(at: runs) }
        let dataDirectory = TestEnvironment.root.appendingPathComponent("../shared/data").standardizedFileURL.path
        let stack = try await ServiceStack(overrides: ["AITRAPP_CONTROL_API_BACKTEST_DATA_DIR": dataDirectory,
                                                       "AITRAPP_CONTROL_API_BACKTEST_RUNS_DIR": runs.path])
        do {
            try stack.start("control-api")
            try #require(await TestEnvironment.eventually(timeout: .seconds(20)) { (try? await stack.http("GET", "/health").status) == 200 })
            let body = #"{"strategy":"ema_cross","data":["NIFTY=nifty50_1min_real.csv"],"capital":1000000,"seed":3}"#
            // A viewer cannot start one; bad requests are 400s naming the problem.
            #expect(try await stack.http("POST", "/backtest", body: body, token: stack.viewerToken).status == 403)
            let escape = try await stack.http("POST", "/backtest", body: #"{"strategy":"ema_cross","data":["../../etc/passwd"]}"#)
            #expect(escape.status == 400)
            let unknown = try await stack.http("POST", "/backtest", body: #"{"strategy":"ema_crosss","data":["nifty50_1min_real.csv"]}"#)
            #expect(unknown.status == 400 && unknown.body.contains("strategies.enabled"))

            let started = try await stack.http("POST", "/backtest", body: body)
            #expect(started.status == 202, "\(started.body)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(started.body.utf8)) as? [String: Any])
            let id = try #require(json["id"] as? String)
            #expect(json["status"] as? String == "QUEUED")
            var last: [String: Any] = [:]
            let finished = await TestEnvironment.eventually(timeout: .seconds(60)) {
                guard let reply = try? await stack.http("GET", "/backtest/\(id)", token: stack.viewerToken),
                      let object = try? JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any] else { return false }
                last = object
                return object["status"] as? String == "DONE" || object["status"] as? String == "FAILED"
            }
            #expect(finished, "\(last)")
            #expect(last["status"] as? String == "DONE", "\(last)")
            let metrics = try #require(last["metrics"] as? [String: Any])
            #expect(metrics["sessions"] as? Int == 5 && metrics["trades"] != nil)
            #expect(last["report"] as? String == "/backtest/\(id)/report")
            // The same files as the CLI with the same inputs: the metrics agree.
            let folder = runs.appendingPathComponent(id)
            let fileMetrics = try JSONDecoder().decode(BacktestMetrics.self, from: Data(contentsOf: folder.appendingPathComponent("metrics.json")))
            #expect(fileMetrics.trades == metrics["trades"] as? Int)
            let report = try await stack.http("GET", "/backtest/\(id)/report", token: stack.viewerToken)
            #expect(report.status == 200 && report.body.contains("<svg") && report.body.contains("Backtest report"))
            #expect(try await stack.http("GET", "/backtest/\(UUID().uuidString)", token: stack.viewerToken).status == 404)
            #expect(try await stack.http("GET", "/backtest/nope", token: stack.viewerToken).status == 400)
            let audit = try await stack.http("GET", "/audit?action=backtest.start", token: stack.viewerToken)
            #expect(audit.body.contains("backtest.start"))
        } catch {
            print("---- control-api log ----\n\(stack.log("control-api").suffix(3000))")
            await stack.shutdown()
            throw error
        }
        await stack.shutdown()
    }

    @Test func aBadFileFailsTheJobNamingTheLine() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(TestEnvironment.uniqueName("api-bt-data"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "timestamp,open,high,low,close,volume\n2025-09-04T09:15:00+05:30,10,11,9,10,1\n2025-09-04T09:16:00+05:30,10,11,9,x,1\n"
            .write(to: directory.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let row = "2025-09-04T09:16:00+05:30,10,11,9,10,1"
        try (["timestamp,open,high,low,close,volume", "2025-09-04T09:15:00+05:30,10,11,9,10,1", row, row, row].joined(separator: "\n") + "\n")
            .write(to: directory.appendingPathComponent("dup.csv"), atomically: true, encoding: .utf8)
        let stack = try await ServiceStack(overrides: ["AITRAPP_CONTROL_API_BACKTEST_DATA_DIR": directory.path,
                                                       "AITRAPP_CONTROL_API_BACKTEST_RUNS_DIR": directory.appendingPathComponent("runs").path])
        do {
            try stack.start("control-api")
            try #require(await TestEnvironment.eventually(timeout: .seconds(20)) { (try? await stack.http("GET", "/health").status) == 200 })
            let started = try await stack.http("POST", "/backtest", body: #"{"strategy":"ema_cross","data":["bad.csv"]}"#)
            #expect(started.status == 202)
            let id = try #require((try JSONSerialization.jsonObject(with: Data(started.body.utf8)) as? [String: Any])?["id"] as? String)
            var body = ""
            #expect(await TestEnvironment.eventually(timeout: .seconds(30)) {
                body = (try? await stack.http("GET", "/backtest/\(id)").body) ?? ""
                return body.contains("\"FAILED\"")
            }, "\(body)")
            #expect(body.contains("bad.csv:3") && body.contains("\"report\":null"))

            // Duplicated rows: every one named with the line it repeats.
            let duplicated = try await stack.http("POST", "/backtest", body: #"{"strategy":"ema_cross","data":["dup.csv"]}"#)
            let second = try #require((try JSONSerialization.jsonObject(with: Data(duplicated.body.utf8)) as? [String: Any])?["id"] as? String)
            #expect(await TestEnvironment.eventually(timeout: .seconds(30)) {
                body = (try? await stack.http("GET", "/backtest/\(second)").body) ?? ""
                return body.contains("\"FAILED\"")
            }, "\(body)")
            #expect(body.contains("dup.csv:4: duplicate of line 3") && body.contains("dup.csv:5: duplicate of line 3"), "\(body)")
        } catch {
            await stack.shutdown()
            throw error
        }
        await stack.shutdown()
    }
}
