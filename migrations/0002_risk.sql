-- Risk-gate (issue 5): the numbers behind each decision, and the risk state snapshots.

ALTER TABLE decisions
    ADD COLUMN fees_estimate   NUMERIC(18, 2) NOT NULL DEFAULT 0,
    ADD COLUMN heat_before     NUMERIC(18, 2) NOT NULL DEFAULT 0,
    ADD COLUMN heat_after      NUMERIC(18, 2) NOT NULL DEFAULT 0,
    ADD COLUMN margin_required NUMERIC(18, 2) NOT NULL DEFAULT 0,
    -- Order quantities under the freeze quantity, e.g. [1725, 525].
    ADD COLUMN slices          JSONB NOT NULL DEFAULT '[]'::jsonb;

-- Rebuilding the day's state reads trades by close time and decisions by creation time.
CREATE INDEX IF NOT EXISTS trades_closed_at_idx ON trades (closed_at);

-- The risk state as published on `risk` and kept in Redis `risk:snapshot`: one row per change.
CREATE TABLE risk_snapshots (
    id          BIGSERIAL PRIMARY KEY,
    trading_day DATE NOT NULL,
    snapshot    JSONB NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX risk_snapshots_created_idx ON risk_snapshots (created_at DESC);
