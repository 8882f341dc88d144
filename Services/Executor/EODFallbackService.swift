import Foundation
import Logging
import Messages
import PostgresStore
import ServiceKit
import ServiceLifecycle
import TradingCore

/// The executor's own end-of-day flatten, a second line of defence behind scheduler-worker's
/// `eod.flatten`: the decision is the core's `EndOfDayFallback` (no `eod.flatten` job for today
/// by `executor.eod_fallback`, 15:26 IST, on a full-session day). When it fires with positions
/// open it records a `job_runs` row (`eod.flatten`, slot `fallback`, source `fallback`) and an
/// `eod_fallback_flatten` risk event, then flattens everything with reason `EOD`.
struct EODFallbackService: Service {
    let context: ServiceKitContext
    let engine: ExecutionEngine
    let fallback: EODFallback
    let interval: Duration

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let now = context.clock.now()
            if case .flatten(let day) = await fallback.check(now: now) {
                await flatten(day: day, now: now)
            }
            try? await Task.sleep(for: interval)
        }
    }

    private func flatten(day: Int64, now: Date) async {
        let dayText = TradingCalendar.dayString(day)
        let trace = TraceID.make()
        do {
            let open = try await context.database.withConnection { db in try PositionRepository.openCount(on: db) }
            guard open > 0 else {
                context.logger.info("eod fallback: no eod.flatten job arrived, nothing open", metadata: ["eod.day": "\(dayText)"])
                return
            }
            context.logger.critical("eod fallback flatten: no eod.flatten job arrived", metadata: [
                "trace": "\(trace)", "eod.day": "\(dayText)", "eod.open_positions": "\(open)"])
            _ = try await context.database.withConnection { db in
                try JobRunRepository.claim(job: "eod.flatten", tradingDay: dayText, slot: "fallback", scheduledAt: now, firedAt: now,
                                           source: "fallback", detail: "executor fallback: no eod.flatten job by \(JobTiming.hhmm(IST.minuteOfDay(now)))",
                                           on: db)
            }
            await engine.raiseRisk(kind: "eod_fallback_flatten", severity: "WARNING",
                                   message: "no eod.flatten job arrived by the fallback time; the executor flattened \(open) positions itself",
                                   trace: trace)
            try await engine.flattenAll(reason: .endOfDay, trace: trace)
            try await context.database.withConnection { db in
                try JobRunRepository.finish(job: "eod.flatten", tradingDay: dayText, slot: "fallback", status: "DONE",
                                            finishedAt: context.clock.now(), on: db)
            }
        } catch {
            context.logger.error("eod fallback flatten failed, will retry", metadata: ["trace": "\(trace)", "error": "\(error)"])
            await fallback.failed(day: day)
        }
    }
}
