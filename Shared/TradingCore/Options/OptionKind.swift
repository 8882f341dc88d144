/// Whether an option gives the right to buy (call) or to sell (put) the underlying at the strike.
public enum OptionKind: String, Hashable, Sendable, Codable, CaseIterable {
    case call
    case put
}
