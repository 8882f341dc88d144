/// How a derivative contract is charged and margined: futures (and index / cash proxies
/// traded like them) or options, whose charges and long-side margin are on the premium.
public enum ContractKind: String, Sendable, Hashable, Codable {
    case future = "FUT"
    case option = "OPT"

    /// `CE` and `PE` are options; every other instrument type (FUT, INDEX, EQ) is charged as a future.
    public init(instrumentType: String) {
        self = ["CE", "PE"].contains(instrumentType.uppercased()) ? .option : .future
    }

    /// From an NSE F&O trading symbol: `NIFTY25DEC24000CE` and `BANKNIFTY2612350000PE` (a digit,
    /// then CE or PE) are options; futures (`NIFTY25DECFUT`), indices and stocks are futures.
    public init(tradingSymbol: String) {
        let utf8 = Array(tradingSymbol.utf8)
        guard utf8.count >= 3 else { self = .future; return }
        let suffix = String(decoding: utf8.suffix(2), as: UTF8.self).uppercased()
        let beforeSuffix = utf8[utf8.count - 3]
        self = (suffix == "CE" || suffix == "PE") && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(beforeSuffix) ? .option : .future
    }
}
