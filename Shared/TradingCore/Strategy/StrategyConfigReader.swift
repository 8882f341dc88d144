/// Reads one strategy's section (`strategies.<name>.*`, flattened values as text) with checks
/// that name the bad key, and remembers which keys were read so unknown ones can be refused.
public struct StrategyConfigReader: Sendable {
    public let prefix: String
    private let values: [String: String]
    private var used: Set<String> = []

    /// `values` holds the section's keys without the prefix.
    public init(prefix: String, values: [String: String]) {
        self.prefix = prefix
        self.values = values
    }

    /// Whether the section sets `key` (to anything but blank).
    public func contains(_ key: String) -> Bool { text(key) != nil }

    private func text(_ key: String) -> String? {
        guard let value = values[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    public mutating func double(_ key: String, default fallback: Double, in range: ClosedRange<Double>) throws -> Double {
        used.insert(key)
        guard let text = text(key) else { return fallback }
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw StrategyConfigError(key: "\(prefix).\(key)",
                                      expected: "a number from \(Format.number(range.lowerBound)) to \(Format.number(range.upperBound)), got '\(text)'")
        }
        return value
    }

    public mutating func int(_ key: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        used.insert(key)
        guard let text = text(key) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw StrategyConfigError(key: "\(prefix).\(key)", expected: "an integer from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return value
    }

    public mutating func choice(_ key: String, default fallback: String, from allowed: [String]) throws -> String {
        used.insert(key)
        guard let text = text(key) else { return fallback }
        guard allowed.contains(text) else {
            throw StrategyConfigError(key: "\(prefix).\(key)", expected: "one of \(allowed.joined(separator: ", ")), got '\(text)'")
        }
        return text
    }

    public mutating func bool(_ key: String, default fallback: Bool) throws -> Bool {
        used.insert(key)
        guard let text = text(key) else { return fallback }
        switch text.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: throw StrategyConfigError(key: "\(prefix).\(key)", expected: "true or false, got '\(text)'")
        }
    }

    /// `HH:mm` IST as minutes since midnight.
    public mutating func time(_ key: String, default fallback: String) throws -> Int {
        used.insert(key)
        let raw = text(key) ?? fallback
        let parts = raw.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, (0...23).contains(parts[0]), (0...59).contains(parts[1]) else {
            throw StrategyConfigError(key: "\(prefix).\(key)", expected: "a time HH:mm, got '\(raw)'")
        }
        return parts[0] * 60 + parts[1]
    }

    /// A comma-separated list of regime names.
    public mutating func regimes(_ key: String, default fallback: [TradingRegime]) throws -> [TradingRegime] {
        used.insert(key)
        guard let raw = text(key) else { return fallback }
        var result: [TradingRegime] = []
        for name in raw.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).uppercased() }) where !name.isEmpty {
            guard let regime = TradingRegime(rawValue: name), regime != .noTrade else {
                throw StrategyConfigError(key: "\(prefix).\(key)", expected: "regimes from TREND, RANGE, VOLATILE, got '\(name)'")
            }
            result.append(regime)
        }
        return result
    }

    /// A comma-separated list of strings.
    public mutating func list(_ key: String, default fallback: [String]) -> [String] {
        used.insert(key)
        guard let raw = text(key) else { return fallback }
        return raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Throws naming the first key in the section that nothing read (a typo, usually).
    public func checkNoUnknownKeys() throws {
        if let unknown = values.keys.sorted().first(where: { !used.contains($0) }) {
            throw StrategyConfigError(key: "\(prefix).\(unknown)", expected: "not a setting of this strategy")
        }
    }
}
