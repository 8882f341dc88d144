/// The kinds of rows in the event calendar file.
public enum MarketEventKind: String, Hashable, Sendable, Codable, CaseIterable {
    case rbiPolicy = "RBI_POLICY"
    case cpi = "CPI"
    case results = "RESULTS"
    /// An NSE trading holiday: no session, and expiries move to the previous trading day.
    case holiday = "HOLIDAY"
    /// An extra expiry day listed by hand (the weekly/monthly rule produces the regular ones).
    case expiry = "EXPIRY"
}
