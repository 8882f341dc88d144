-- AITRAPP initial schema. Every instant is timestamptz (UTC); money is NUMERIC rupees
-- with two decimals (exact paise). Links: signal -> decision -> order -> fill -> trade.

CREATE TABLE instruments (
    instrument_token BIGINT PRIMARY KEY,
    exchange         TEXT NOT NULL,
    tradingsymbol    TEXT NOT NULL,
    name             TEXT,
    segment          TEXT,
    instrument_type  TEXT,
    expiry           DATE,
    strike           NUMERIC(18, 2),
    tick_size        NUMERIC(12, 2) NOT NULL CHECK (tick_size > 0),
    lot_size         INTEGER NOT NULL CHECK (lot_size > 0),
    freeze_quantity  INTEGER,
    in_universe      BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (exchange, tradingsymbol)
);
CREATE INDEX instruments_universe_idx ON instruments (in_universe) WHERE in_universe;

CREATE TABLE config_versions (
    config_sha  TEXT PRIMARY KEY,
    service     TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE signals (
    id           UUID PRIMARY KEY,
    trace        TEXT NOT NULL,
    strategy     TEXT NOT NULL,
    symbol       TEXT NOT NULL,
    side         TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
    entry_price  NUMERIC(18, 2) NOT NULL CHECK (entry_price > 0),
    stop_price   NUMERIC(18, 2) NOT NULL CHECK (stop_price > 0),
    target_price NUMERIC(18, 2) NOT NULL CHECK (target_price > 0),
    confidence   DOUBLE PRECISION NOT NULL,
    rationale    TEXT NOT NULL,
    features     JSONB NOT NULL DEFAULT '{}'::jsonb,
    config_sha   TEXT NOT NULL,
    bar_start    TIMESTAMPTZ NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- A replayed bar can never create a second signal.
    UNIQUE (strategy, symbol, bar_start)
);
CREATE INDEX signals_created_idx ON signals (created_at DESC);
CREATE INDEX signals_symbol_idx ON signals (symbol, created_at DESC);

CREATE TABLE decisions (
    id             UUID PRIMARY KEY,
    signal_id      UUID NOT NULL UNIQUE REFERENCES signals (id),
    client_plan_id TEXT NOT NULL UNIQUE,
    trace          TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('APPROVED', 'REJECTED')),
    mode           TEXT NOT NULL CHECK (mode IN ('PAPER', 'LIVE')),
    symbol         TEXT NOT NULL,
    side           TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
    lots           INTEGER NOT NULL CHECK (lots >= 0),
    lot_size       INTEGER NOT NULL CHECK (lot_size >= 0),
    quantity       INTEGER NOT NULL CHECK (quantity >= 0),
    risk_amount    NUMERIC(18, 2) NOT NULL,
    verdicts       JSONB NOT NULL,
    config_sha     TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (status = 'REJECTED' OR lots > 0)
);
CREATE INDEX decisions_created_idx ON decisions (created_at DESC);
CREATE INDEX decisions_status_idx ON decisions (status, created_at DESC);

CREATE TABLE orders (
    id              UUID PRIMARY KEY,
    client_order_id TEXT NOT NULL UNIQUE,
    decision_id     UUID NOT NULL REFERENCES decisions (id),
    oco_group       UUID NOT NULL,
    leg             TEXT NOT NULL CHECK (leg IN ('ENTRY', 'STOP', 'TARGET', 'EXIT')),
    broker_order_id TEXT,
    trace           TEXT NOT NULL,
    mode            TEXT NOT NULL CHECK (mode IN ('PAPER', 'LIVE')),
    symbol          TEXT NOT NULL,
    side            TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
    order_type      TEXT NOT NULL CHECK (order_type IN ('MARKET', 'LIMIT', 'SL-M')),
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    price           NUMERIC(18, 2),
    trigger_price   NUMERIC(18, 2),
    status          TEXT NOT NULL CHECK (status IN ('OPEN', 'FILLED', 'CANCELLED', 'REJECTED')),
    filled_quantity INTEGER NOT NULL DEFAULT 0,
    average_price   NUMERIC(18, 2),
    status_detail   TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX orders_created_idx ON orders (created_at DESC);
CREATE INDEX orders_working_idx ON orders (status) WHERE status = 'OPEN';
CREATE INDEX orders_decision_idx ON orders (decision_id);

CREATE TABLE fills (
    id         UUID PRIMARY KEY,
    order_id   UUID NOT NULL REFERENCES orders (id),
    trace      TEXT NOT NULL,
    quantity   INTEGER NOT NULL CHECK (quantity > 0),
    price      NUMERIC(18, 2) NOT NULL CHECK (price > 0),
    fees       NUMERIC(18, 2) NOT NULL DEFAULT 0,
    filled_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX fills_order_idx ON fills (order_id);

CREATE TABLE positions (
    id            UUID PRIMARY KEY,
    decision_id   UUID NOT NULL UNIQUE REFERENCES decisions (id),
    oco_group     UUID NOT NULL UNIQUE,
    trace         TEXT NOT NULL,
    mode          TEXT NOT NULL CHECK (mode IN ('PAPER', 'LIVE')),
    symbol        TEXT NOT NULL,
    side          TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    entry_price   NUMERIC(18, 2) NOT NULL,
    stop_price    NUMERIC(18, 2) NOT NULL,
    target_price  NUMERIC(18, 2) NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
    exit_reason   TEXT,
    opened_at     TIMESTAMPTZ NOT NULL,
    closed_at     TIMESTAMPTZ
);
CREATE INDEX positions_open_idx ON positions (status) WHERE status = 'OPEN';
CREATE INDEX positions_opened_idx ON positions (opened_at DESC);

CREATE TABLE trades (
    id            UUID PRIMARY KEY,
    position_id   UUID NOT NULL UNIQUE REFERENCES positions (id),
    signal_id     UUID NOT NULL REFERENCES signals (id),
    decision_id   UUID NOT NULL REFERENCES decisions (id),
    entry_fill_id UUID NOT NULL REFERENCES fills (id),
    exit_fill_id  UUID NOT NULL REFERENCES fills (id),
    trace         TEXT NOT NULL,
    mode          TEXT NOT NULL CHECK (mode IN ('PAPER', 'LIVE')),
    symbol        TEXT NOT NULL,
    side          TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    entry_price   NUMERIC(18, 2) NOT NULL,
    exit_price    NUMERIC(18, 2) NOT NULL,
    gross_pnl     NUMERIC(18, 2) NOT NULL,
    fees          NUMERIC(18, 2) NOT NULL,
    net_pnl       NUMERIC(18, 2) NOT NULL,
    exit_reason   TEXT NOT NULL,
    opened_at     TIMESTAMPTZ NOT NULL,
    closed_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX trades_closed_idx ON trades (closed_at DESC);
CREATE INDEX trades_symbol_idx ON trades (symbol, closed_at DESC);

CREATE TABLE risk_events (
    id         BIGSERIAL PRIMARY KEY,
    kind       TEXT NOT NULL,
    severity   TEXT NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
    message    TEXT NOT NULL,
    details    JSONB NOT NULL DEFAULT '{}'::jsonb,
    trace      TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX risk_events_created_idx ON risk_events (created_at DESC);

CREATE TABLE audit_log (
    id          BIGSERIAL PRIMARY KEY,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    request     JSONB NOT NULL DEFAULT '{}'::jsonb,
    result      TEXT NOT NULL,
    remote_addr TEXT,
    config_sha  TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_created_idx ON audit_log (created_at DESC);

CREATE TABLE system_state (
    key        TEXT PRIMARY KEY,
    value      JSONB NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE job_runs (
    id           BIGSERIAL PRIMARY KEY,
    job          TEXT NOT NULL,
    trading_day  DATE NOT NULL,
    slot         TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('FIRED', 'FAILED')),
    scheduled_at TIMESTAMPTZ NOT NULL,
    fired_at     TIMESTAMPTZ NOT NULL,
    detail       TEXT,
    -- A job fires once per (job, trading day, slot), however many schedulers run.
    UNIQUE (job, trading_day, slot)
);
CREATE INDEX job_runs_fired_idx ON job_runs (fired_at DESC);
