-- Strategy-ranker: two targets, option legs, regime, ranking score/rank/explanation, and the
-- bar's timeframe, on every signal (ranked or not).
ALTER TABLE signals
    ADD COLUMN target2_price NUMERIC(18, 2) CHECK (target2_price IS NULL OR target2_price > 0),
    ADD COLUMN instrument    TEXT,
    ADD COLUMN legs          JSONB NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN regime        TEXT CHECK (regime IS NULL OR regime IN ('TREND', 'RANGE', 'VOLATILE', 'NO_TRADE')),
    ADD COLUMN score         DOUBLE PRECISION,
    ADD COLUMN rank          INTEGER CHECK (rank IS NULL OR rank >= 1),
    ADD COLUMN passed        BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN explanation   JSONB NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN timeframe     TEXT NOT NULL DEFAULT '1m';

CREATE INDEX signals_strategy_idx ON signals (strategy, created_at DESC);
