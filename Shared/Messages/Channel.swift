/// The channel catalog: every pub/sub channel name in one place.
public enum Channel {
    public static func tick(_ symbol: String) -> String { "md.tick.\(symbol)" }
    public static func bar(_ timeframe: String, _ symbol: String) -> String { "md.bar.\(timeframe).\(symbol)" }
    public static func chain(_ underlying: String) -> String { "md.chain.\(underlying)" }
    public static let allTicks = "md.tick.*"
    public static let allBars = "md.bar.*"
    public static let instruments = "md.instruments"
    public static let signals = "signals"
    public static let decisions = "decisions"
    public static let orders = "orders"
    public static let fills = "fills"
    public static let positions = "positions"
    public static let trades = "trades"
    public static let risk = "risk"
    public static let control = "control"
    public static let jobs = "jobs"
    public static let reports = "reports"
    /// `regime.updated`: an underlying's regime changed.
    public static let regime = "regime"

    /// Fast shared state keys.
    public enum Key {
        public static let mode = "state:mode"
        public static let paused = "state:paused"
        public static let halted = "state:halted"
        public static let riskSnapshot = "risk:snapshot"
        public static func heartbeat(_ service: String) -> String { "heartbeat:\(service)" }
        /// The scheduler leader lock: the leader's token, with an expiry renewed by the leader.
        public static let schedulerLeader = "scheduler:leader"
        /// The current regime of an underlying (`TREND`, `RANGE`, `VOLATILE`, `NO_TRADE`), set by strategy-ranker.
        public static func regime(_ symbol: String) -> String { "regime:\(symbol)" }
        /// The last bar close in paise, set by marketdata (exits after a restart price from it).
        public static func lastPrice(_ symbol: String) -> String { "md:last:\(symbol)" }
    }
}
