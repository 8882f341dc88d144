-- Executor (issue 6): TP1 + TP2 children, partial fills, exit reasons and trade metrics.
ALTER TABLE orders DROP CONSTRAINT orders_leg_check;
ALTER TABLE orders ADD CONSTRAINT orders_leg_check CHECK (leg IN ('ENTRY', 'STOP', 'TARGET', 'TARGET2', 'EXIT'));
-- A child's working size changes (TP1 shrinks the stop); rejected orders keep why.
ALTER TABLE orders ADD CONSTRAINT orders_filled_le_quantity CHECK (filled_quantity <= quantity);

-- quantity: units the entry filled (grows with partial fills); open_quantity: still open.
ALTER TABLE positions
    ADD COLUMN ordered_quantity   INTEGER,
    ADD COLUMN open_quantity      INTEGER CHECK (open_quantity IS NULL OR open_quantity >= 0),
    ADD COLUMN lot_size           INTEGER NOT NULL DEFAULT 1 CHECK (lot_size >= 1),
    ADD COLUMN initial_stop_price NUMERIC(18, 2),
    ADD COLUMN stop_reason        TEXT NOT NULL DEFAULT 'STOP',
    ADD COLUMN target2_price      NUMERIC(18, 2) CHECK (target2_price IS NULL OR target2_price > 0),
    ADD COLUMN entry_atr          DOUBLE PRECISION;

ALTER TABLE trades
    ADD COLUMN r_multiple      DOUBLE PRECISION,
    ADD COLUMN mae             NUMERIC(18, 2),
    ADD COLUMN mfe             NUMERIC(18, 2),
    ADD COLUMN holding_seconds INTEGER CHECK (holding_seconds IS NULL OR holding_seconds >= 0);

CREATE INDEX fills_filled_idx ON fills (order_id, filled_at);
