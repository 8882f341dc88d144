-- scheduler-worker (issue 9): job run outcomes and durations, how a run came about,
-- and the end-of-day report.

ALTER TABLE job_runs DROP CONSTRAINT job_runs_status_check;
ALTER TABLE job_runs ADD CONSTRAINT job_runs_status_check
    CHECK (status IN ('FIRED', 'DONE', 'FAILED', 'SKIPPED'));
-- schedule: at its minute; catch_up: late, on start or on becoming leader;
-- fallback: the executor's own 15:26 flatten; manual: an operator's request.
ALTER TABLE job_runs ADD COLUMN source TEXT NOT NULL DEFAULT 'schedule'
    CHECK (source IN ('schedule', 'catch_up', 'fallback', 'manual'));
ALTER TABLE job_runs ADD COLUMN finished_at TIMESTAMPTZ;
ALTER TABLE job_runs ADD COLUMN duration_ms INTEGER CHECK (duration_ms >= 0);
CREATE INDEX job_runs_job_idx ON job_runs (job, fired_at DESC);

-- eod.report: one row per IST trading day (re-running the report replaces it).
CREATE TABLE eod_reports (
    trading_day  DATE PRIMARY KEY,
    trades       INTEGER NOT NULL,
    wins         INTEGER NOT NULL,
    losses       INTEGER NOT NULL,
    gross_pnl    NUMERIC(18, 2) NOT NULL,
    charges      NUMERIC(18, 2) NOT NULL,
    net_pnl      NUMERIC(18, 2) NOT NULL,
    open_positions INTEGER NOT NULL,
    risk_events  INTEGER NOT NULL,
    -- {"trades":[…],"risk_events":[…]}: the day's rows as they were when reported.
    details      JSONB NOT NULL,
    trace        TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
