/// How a derivative contract is charged and margined: futures (and index / cash proxies
/// traded like them) or options, whose charges and long-side margin are on the premium.
public enum ContractKind: String, Sendable, Hashable, Codable {
    case future = "FUT"
    case option = "OPT"

    /// `CE` and `PE` are options; every other instrument type (FUT, INDEX, EQ) is charged as a future.
    public init(instrumentType: String) {
        self = ["CE", "PE"].contains(instrumentType.uppercased()) ? .option : .future
    }
}
