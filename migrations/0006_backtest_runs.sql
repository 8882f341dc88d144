-- Backtests and validations (issue 7): one row per run, from the aitrapp CLI (--database-url /
-- --record) or control-api's POST /backtest (a job: QUEUED → RUNNING → DONE | FAILED).
CREATE TABLE backtest_runs (
    id           UUID PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('backtest', 'validate')),
    source       TEXT NOT NULL CHECK (source IN ('cli', 'api')),
    status       TEXT NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    strategies   TEXT NOT NULL,
    -- [{"symbol":…,"path":…,"sha256":…,"bars":…}]
    data         JSONB NOT NULL DEFAULT '[]'::jsonb,
    from_day     DATE,
    to_day       DATE,
    out_dir      TEXT,
    config_sha   TEXT,
    -- metrics.json as written (BacktestMetrics), with a few columns pulled out to sort and filter on.
    metrics      JSONB,
    trades       INTEGER CHECK (trades >= 0),
    net_pnl      NUMERIC(18, 2),
    total_return DOUBLE PRECISION,
    sharpe       DOUBLE PRECISION,
    max_drawdown DOUBLE PRECISION,
    verdict      TEXT CHECK (verdict IN ('GO', 'NO-GO')),
    error        TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ,
    CHECK ((status = 'DONE') = (metrics IS NOT NULL)),
    CHECK (status <> 'FAILED' OR error IS NOT NULL)
);
CREATE INDEX backtest_runs_created_idx ON backtest_runs (created_at DESC);
CREATE INDEX backtest_runs_config_idx ON backtest_runs (config_sha);
