/// PAPER simulates every fill; LIVE sends orders to the broker.
public enum TradingMode: String, Codable, Sendable, Hashable {
    case paper = "PAPER"
    case live = "LIVE"

    /// The exact phrase an operator must type to switch to LIVE.
    public static let liveConfirmationPhrase = "CONFIRM LIVE TRADING"
}
