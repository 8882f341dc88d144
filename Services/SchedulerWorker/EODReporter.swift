import Foundation
import Messages
import PostgresStore
import ServiceKit
import TradingCore

/// The `eod.report` job's handler: Postgres computes and stores the day's report
/// (`eod_reports`), then it is published as `report.eod` on `reports`.
struct EODReporter: Sendable {
    let context: ServiceKitContext

    func report(tradingDay: String, trace: String, at now: Date) async throws -> EODReportPayload {
        let payload = try await context.database.transaction { db -> EODReportPayload in
            try EODReportRepository.write(tradingDay: tradingDay, trace: trace, at: now, on: db)
            guard let row = try EODReportRepository.summary(tradingDay: tradingDay, on: db) else {
                throw PostgresError.decode("eod report of \(tradingDay) missing")
            }
            return EODReportPayload(tradingDay: tradingDay, trades: try row.int("trades"), wins: try row.int("wins"),
                                    losses: try row.int("losses"), grossPnlPaise: try row.paise("gross_pnl").value,
                                    chargesPaise: try row.paise("charges").value, netPnlPaise: try row.paise("net_pnl").value,
                                    openPositions: try row.int("open_positions"), riskEvents: try row.int("risk_events"))
        }
        context.logger.info("eod report written", metadata: [
            "trace": "\(trace)", "report.day": "\(tradingDay)", "report.trades": "\(payload.trades)",
            "report.net_pnl_paise": "\(payload.netPnlPaise)", "report.risk_events": "\(payload.riskEvents)",
        ])
        await context.bus.publish(.eodReport, on: Channel.reports, trace: trace, mode: .paper, payload: payload)
        return payload
    }
}
