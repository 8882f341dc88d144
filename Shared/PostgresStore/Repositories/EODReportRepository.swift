import Foundation
import TradingCore

/// `eod_reports`: the day's trades, P&L, charges and risk events, computed by Postgres from
/// `trades` (closed on the IST day), `positions` and `risk_events` (created on the IST day)
/// and stored in one statement.
public enum EODReportRepository {
    /// Writes (or rewrites) the report of IST day `tradingDay`.
    public static func write(tradingDay: String, trace: String, at: Date, on db: any SQLRunner) throws {
        try db.query("""
            WITH day AS (SELECT ($1::date)::timestamp AT TIME ZONE 'Asia/Kolkata' AS start),
            t AS (SELECT * FROM trades, day WHERE closed_at >= day.start AND closed_at < day.start + interval '1 day'),
            e AS (SELECT * FROM risk_events, day WHERE created_at >= day.start AND created_at < day.start + interval '1 day')
            INSERT INTO eod_reports (trading_day, trades, wins, losses, gross_pnl, charges, net_pnl, open_positions, risk_events,
                                     details, trace, created_at)
            SELECT $1::date,
                   (SELECT count(*) FROM t), (SELECT count(*) FROM t WHERE net_pnl > 0), (SELECT count(*) FROM t WHERE net_pnl <= 0),
                   (SELECT coalesce(sum(gross_pnl), 0) FROM t), (SELECT coalesce(sum(fees), 0) FROM t),
                   (SELECT coalesce(sum(net_pnl), 0) FROM t), (SELECT count(*) FROM positions WHERE status = 'OPEN'),
                   (SELECT count(*) FROM e),
                   jsonb_build_object(
                       'trades', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', id, 'symbol', symbol, 'side', side,
                                   'quantity', quantity, 'net_pnl', net_pnl, 'fees', fees, 'exit_reason', exit_reason,
                                   'closed_at', closed_at) ORDER BY closed_at), '[]'::jsonb) FROM t),
                       'risk_events', (SELECT coalesce(jsonb_agg(jsonb_build_object('kind', kind, 'severity', severity,
                                   'message', message, 'created_at', created_at) ORDER BY created_at), '[]'::jsonb) FROM e)),
                   $2, $3
            ON CONFLICT (trading_day) DO UPDATE SET trades = EXCLUDED.trades, wins = EXCLUDED.wins, losses = EXCLUDED.losses,
                gross_pnl = EXCLUDED.gross_pnl, charges = EXCLUDED.charges, net_pnl = EXCLUDED.net_pnl,
                open_positions = EXCLUDED.open_positions, risk_events = EXCLUDED.risk_events, details = EXCLUDED.details,
                trace = EXCLUDED.trace, created_at = EXCLUDED.created_at
            """, [tradingDay, trace, at])
    }

    /// One day's report row, for the published message.
    public static func summary(tradingDay: String, on db: any SQLRunner) throws -> PostgresRow? {
        try db.query("""
            SELECT trading_day::text AS trading_day, trades, wins, losses, gross_pnl, charges, net_pnl, open_positions, risk_events
            FROM eod_reports WHERE trading_day = $1::date
            """, [tradingDay]).first
    }
}
