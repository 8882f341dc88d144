import Foundation

/// `job_runs`: one row per (job, trading day, slot); the unique key makes a job fire once.
public enum JobRunRepository {
    /// Records the run; returns false when this (job, day, slot) already has a row.
    /// `source`: `schedule`, `catch_up`, `fallback` or `manual`.
    public static func claim(job: String, tradingDay: String, slot: String, scheduledAt: Date, firedAt: Date,
                             source: String = "schedule", detail: String? = nil, on db: any SQLRunner) throws -> Bool {
        !(try db.query("""
            INSERT INTO job_runs (job, trading_day, slot, status, scheduled_at, fired_at, source, detail)
            VALUES ($1, $2::date, $3, 'FIRED', $4, $5, $6, $7)
            ON CONFLICT (job, trading_day, slot) DO NOTHING RETURNING id
            """, [job, tradingDay, slot, scheduledAt, firedAt, source, detail])).isEmpty
    }

    /// Records a run that was deliberately not made (catch-up found nothing to do).
    public static func recordSkip(job: String, tradingDay: String, slot: String, scheduledAt: Date, at: Date, detail: String,
                                  on db: any SQLRunner) throws -> Bool {
        !(try db.query("""
            INSERT INTO job_runs (job, trading_day, slot, status, scheduled_at, fired_at, source, detail, finished_at, duration_ms)
            VALUES ($1, $2::date, $3, 'SKIPPED', $4, $5, 'catch_up', $6, $5, 0)
            ON CONFLICT (job, trading_day, slot) DO NOTHING RETURNING id
            """, [job, tradingDay, slot, scheduledAt, at, detail])).isEmpty
    }

    /// Removes a claim whose job could not be published, so it can fire again.
    public static func release(job: String, tradingDay: String, slot: String, on db: any SQLRunner) throws {
        try db.query("DELETE FROM job_runs WHERE job = $1 AND trading_day = $2::date AND slot = $3", [job, tradingDay, slot])
    }

    /// The run's outcome (`DONE` or `FAILED`) and how long it took from firing.
    public static func finish(job: String, tradingDay: String, slot: String, status: String, finishedAt: Date, detail: String? = nil,
                              on db: any SQLRunner) throws {
        try db.query("""
            UPDATE job_runs SET status = $4, finished_at = $5, detail = coalesce($6, detail),
                   duration_ms = greatest(0, (extract(epoch FROM ($5::timestamptz - fired_at)) * 1000)::int)
            WHERE job = $1 AND trading_day = $2::date AND slot = $3
            """, [job, tradingDay, slot, status, finishedAt, detail])
    }

    public static func markFailed(job: String, tradingDay: String, slot: String, detail: String, on db: any SQLRunner) throws {
        try db.query("""
            UPDATE job_runs SET status = 'FAILED', detail = $4 WHERE job = $1 AND trading_day = $2::date AND slot = $3
            """, [job, tradingDay, slot, detail])
    }

    /// `job|slot` of every run recorded for the IST day `tradingDay` (`yyyy-MM-dd`).
    public static func keys(tradingDay: String, on db: any SQLRunner) throws -> Set<String> {
        Set(try db.query("SELECT job || '|' || slot AS key FROM job_runs WHERE trading_day = $1::date", [tradingDay])
            .map { try $0.string("key") })
    }

    /// `{job: [run, …]}`: the latest `limit` runs of each job, newest first, with IST times.
    public static func lastRunsByJobJSON(perJob limit: Int, on db: any SQLRunner) throws -> String {
        let rows = try db.query("""
            SELECT coalesce(json_object_agg(job, runs), '{}'::json)::text AS body FROM (
                SELECT job, json_agg(json_build_object(
                    'trading_day', trading_day::text, 'slot', slot, 'status', status, 'source', source,
                    'scheduled_ist', to_char(scheduled_at AT TIME ZONE 'Asia/Kolkata', 'YYYY-MM-DD"T"HH24:MI:SS"+05:30"'),
                    'fired_ist', to_char(fired_at AT TIME ZONE 'Asia/Kolkata', 'YYYY-MM-DD"T"HH24:MI:SS"+05:30"'),
                    'duration_ms', duration_ms, 'detail', detail) ORDER BY fired_at DESC, id DESC) AS runs
                FROM (SELECT *, row_number() OVER (PARTITION BY job ORDER BY fired_at DESC, id DESC) AS n FROM job_runs) ranked
                WHERE n <= $1 GROUP BY job) per_job
            """, [limit])
        return try rows.first?.string("body") ?? "{}"
    }
}
