import Foundation

/// `job_runs`: one row per (job, trading day, slot); the unique key makes a job fire once.
public enum JobRunRepository {
    /// Records the run; returns false when this (job, day, slot) already fired.
    public static func claim(job: String, tradingDay: String, slot: String, scheduledAt: Date, firedAt: Date,
                             on db: any SQLRunner) throws -> Bool {
        !(try db.query("""
            INSERT INTO job_runs (job, trading_day, slot, status, scheduled_at, fired_at)
            VALUES ($1, $2::date, $3, 'FIRED', $4, $5)
            ON CONFLICT (job, trading_day, slot) DO NOTHING RETURNING id
            """, [job, tradingDay, slot, scheduledAt, firedAt])).isEmpty
    }

    /// Removes a claim whose job could not be published, so it can fire again.
    public static func release(job: String, tradingDay: String, slot: String, on db: any SQLRunner) throws {
        try db.query("DELETE FROM job_runs WHERE job = $1 AND trading_day = $2::date AND slot = $3", [job, tradingDay, slot])
    }

    public static func markFailed(job: String, tradingDay: String, slot: String, detail: String, on db: any SQLRunner) throws {
        try db.query("""
            UPDATE job_runs SET status = 'FAILED', detail = $4 WHERE job = $1 AND trading_day = $2::date AND slot = $3
            """, [job, tradingDay, slot, detail])
    }
}
