/// The channels `/ws` can stream, and the names a client may ask for in `?channels=`:
/// an exact channel (`positions`, `fills`, `risk`, `md.instruments`, …), a market-data channel
/// of one symbol (`md.tick.NIFTY`, `md.bar.1m.NIFTY`, `md.chain.NIFTY`), or a trailing `*`
/// over one of the market-data families (`md.tick.*`, `md.bar.*`, `md.bar.1m.*`, `md.chain.*`).
enum StreamChannels {
    /// Every non-market-data channel (the default when `channels` is not given), in catalog order.
    static let events = ["signals", "decisions", "orders", "fills", "positions", "trades", "risk", "control", "jobs", "reports", "regime"]
    static let exact: Set<String> = Set(events + ["md.instruments"])
    /// What control-api subscribes to once, for every client.
    static let subscribedChannels = events + ["md.instruments"]
    static let subscribedPatterns = ["md.tick.*", "md.bar.*", "md.chain.*"]
    static let timeframes: Set<String> = ["1s", "5s", "15s", "30s", "1m", "3m", "5m", "10m", "15m", "30m", "1h", "1d"]
    static let maxChannels = 64

    /// The filter for a `channels` query value (comma-separated); nil value: the default set.
    /// Throws a 400 naming the first name that is not a known channel.
    static func filter(_ query: String?) throws(APIError) -> StreamFilter {
        guard let query, !query.trimmingCharacters(in: .whitespaces).isEmpty else {
            return StreamFilter(exact: Set(events), prefixes: [])
        }
        let names = query.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard names.count <= maxChannels else {
            throw APIError(code: .badRequest, message: "at most \(maxChannels) channels")
        }
        var exact: Set<String> = []
        var prefixes: [String] = []
        for name in names {
            if exact.contains(name) || prefixes.contains(String(name.dropLast())) { continue }
            switch classify(name) {
            case .exact: exact.insert(name)
            case .prefix(let prefix): prefixes.append(prefix)
            case nil:
                // The name is cut short: it is the caller's own text, not a secret, but it is bounded.
                throw APIError(code: .badRequest, message: "unknown channel \"\(name.prefix(40))\": use \(events.joined(separator: ", ")), "
                    + "md.instruments, md.tick.<SYMBOL>, md.bar.<tf>.<SYMBOL>, md.chain.<SYMBOL>, or md.tick.*, md.bar.*, md.bar.<tf>.*, md.chain.*")
            }
        }
        return StreamFilter(exact: exact, prefixes: prefixes)
    }

    private enum Kind: Equatable {
        case exact
        case prefix(String)
    }

    private static func classify(_ name: String) -> Kind? {
        if Self.exact.contains(name) { return .exact }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, parts[0] == "md" else { return nil }
        switch (parts[1], parts.count) {
        case ("tick", 3), ("chain", 3):
            if parts[2] == "*" { return .prefix("md.\(parts[1]).") }
            return isSymbol(parts[2]) ? .exact : nil
        case ("bar", 3):
            return parts[2] == "*" ? .prefix("md.bar.") : nil
        case ("bar", 4):
            guard timeframes.contains(parts[2]) else { return nil }
            if parts[3] == "*" { return .prefix("md.bar.\(parts[2]).") }
            return isSymbol(parts[3]) ? .exact : nil
        default:
            return nil
        }
    }

    /// NSE symbols: upper-case letters, digits, `&`, `-`, `_` (e.g. `M&M`, `BAJAJ-AUTO`), at most 32.
    static func isSymbol(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 32 && text.unicodeScalars.allSatisfy { scalar in
            ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "&" || scalar == "-" || scalar == "_"
        }
    }
}
