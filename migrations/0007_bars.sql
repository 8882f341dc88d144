-- Closed bars (issue 7): every bar marketdata publishes (marketdata.persist_bars) and the
-- files loaded by `aitrapp import-bars`; `aitrapp backtest|validate --source postgres` replays
-- them. Prices in paise, like every amount the core sums; start is the bar's open (UTC).
CREATE TABLE bars (
    symbol            TEXT NOT NULL,
    timeframe_seconds INTEGER NOT NULL CHECK (timeframe_seconds > 0 AND timeframe_seconds <= 86400),
    start             TIMESTAMPTZ NOT NULL,
    open              BIGINT NOT NULL CHECK (open > 0),
    high              BIGINT NOT NULL,
    low               BIGINT NOT NULL CHECK (low > 0),
    close             BIGINT NOT NULL CHECK (close > 0),
    volume            BIGINT NOT NULL CHECK (volume >= 0),
    CHECK (high >= open AND high >= close AND low <= open AND low <= close),
    PRIMARY KEY (symbol, timeframe_seconds, start)
);
