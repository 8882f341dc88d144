import Foundation
import Logging
import Messages
import PostgresStore
import ServiceKit
import ServiceLifecycle

/// The kill switch's second path, independent of Redis: control-api records every
/// flatten request in `system_state.flatten_requested`; this service polls it and
/// flattens when it sees a request not yet marked in `flatten_handled` — including one
/// made while the executor was down.
struct FlattenRequestWatcher: Service {
    let context: ServiceKitContext
    let engine: ExecutionEngine
    let interval: Duration

    func run() async throws {
        var failures = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let pendingDone = await engine.retryPendingFlatten()
            do {
                let (requested, handled) = try await context.database.withConnection { db in
                    (try SystemStateRepository.get("flatten_requested", on: db), try SystemStateRepository.get("flatten_handled", on: db))
                }
                if let requested, let trace = Self.trace(in: requested), Self.trace(in: handled ?? "") != trace {
                    context.logger.notice("flatten request found in Postgres", metadata: ["trace": "\(trace)"])
                    _ = try await engine.flattenAll(reason: .flatten, trace: trace)
                }
                failures = pendingDone ? 0 : failures + 1
            } catch {
                failures += 1
                context.logger.warning("flatten request poll failed", metadata: ["error": "\(error)"])
            }
            if failures == 5 {
                await engine.raiseRisk(kind: "flatten_stuck", severity: "CRITICAL",
                                       message: "a flatten has failed 5 times in a row; positions may still be open", trace: nil)
            }
            // Back off while failing (1 s, 2 s, … up to 10 s); poll every `interval` otherwise.
            try? await Task.sleep(for: failures == 0 ? interval : min(interval * failures, .seconds(10)))
        }
    }

    /// The `trace` of a `{"trace":…,"at":…}` state value.
    static func trace(in json: String) -> String? {
        struct Request: Decodable { var trace: String }
        return try? JSONDecoder().decode(Request.self, from: Data(json.utf8)).trace
    }
}
