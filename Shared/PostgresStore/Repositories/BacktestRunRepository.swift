import Foundation
import TradingCore

/// `backtest_runs`: one row per backtest or validation. The CLI writes a finished run in one
/// statement; control-api's jobs go QUEUED → RUNNING → DONE | FAILED.
public enum BacktestRunRepository {
    /// What identifies a run before it has results.
    public struct Request: Sendable {
        public var id: UUID
        public var kind: String
        public var source: String
        public var strategies: String
        /// The `config.json` `data` array as JSON.
        public var dataJSON: String
        public var from: String?
        public var to: String?
        public var outDir: String?

        public init(id: UUID, kind: String, source: String, strategies: String, dataJSON: String, from: String?, to: String?,
                    outDir: String?) {
            self.id = id
            self.kind = kind
            self.source = source
            self.strategies = strategies
            self.dataJSON = dataJSON
            self.from = from
            self.to = to
            self.outDir = outDir
        }
    }

    /// A queued job (control-api).
    public static func insertQueued(_ request: Request, at: Date, on db: any SQLRunner) throws {
        try db.query("""
            INSERT INTO backtest_runs (id, kind, source, status, strategies, data, from_day, to_day, out_dir, created_at)
            VALUES ($1, $2, $3, 'QUEUED', $4, $5::jsonb, $6::date, $7::date, $8, $9)
            """, [request.id, request.kind, request.source, request.strategies, request.dataJSON, request.from, request.to,
                  request.outDir, at])
    }

    public static func markRunning(_ id: UUID, on db: any SQLRunner) throws {
        try db.query("UPDATE backtest_runs SET status = 'RUNNING' WHERE id = $1 AND status = 'QUEUED'", [id])
    }

    /// A finished run: inserted when new (the CLI), completed when queued (a job).
    public static func recordDone(_ request: Request, configSha: String, metrics: BacktestMetrics, metricsJSON: String,
                                  verdict: String?, createdAt: Date, finishedAt: Date, on db: any SQLRunner) throws {
        try db.query("""
            INSERT INTO backtest_runs (id, kind, source, status, strategies, data, from_day, to_day, out_dir, config_sha, metrics,
                                       trades, net_pnl, total_return, sharpe, max_drawdown, verdict, created_at, finished_at)
            VALUES ($1, $2, $3, 'DONE', $4, $5::jsonb, $6::date, $7::date, $8, $9, $10::jsonb, $11, $12::numeric, $13, $14, $15, $16,
                    $17, $18)
            ON CONFLICT (id) DO UPDATE SET status = 'DONE', data = EXCLUDED.data, config_sha = EXCLUDED.config_sha,
                metrics = EXCLUDED.metrics, trades = EXCLUDED.trades, net_pnl = EXCLUDED.net_pnl,
                total_return = EXCLUDED.total_return, sharpe = EXCLUDED.sharpe, max_drawdown = EXCLUDED.max_drawdown,
                verdict = EXCLUDED.verdict, finished_at = EXCLUDED.finished_at
            """, [request.id, request.kind, request.source, request.strategies, request.dataJSON, request.from, request.to,
                  request.outDir, configSha, metricsJSON, metrics.trades, metrics.netPnl, metrics.totalReturn, metrics.sharpe,
                  metrics.maxDrawdown, verdict, createdAt, finishedAt])
    }

    public static func markFailed(_ id: UUID, error: String, at: Date, on db: any SQLRunner) throws {
        try db.query("UPDATE backtest_runs SET status = 'FAILED', error = $2, finished_at = $3 WHERE id = $1", [id, error, at])
    }

    /// One run, or nil when unknown.
    public static func fetch(_ id: UUID, on db: any SQLRunner) throws -> PostgresRow? {
        try db.query("""
            SELECT id::text AS id, kind, source, status, strategies, data::text AS data, from_day::text AS from_day,
                   to_day::text AS to_day, out_dir, config_sha, metrics::text AS metrics, trades, net_pnl, total_return, sharpe,
                   max_drawdown, verdict, error, created_at, finished_at
            FROM backtest_runs WHERE id = $1
            """, [id]).first
    }
}
