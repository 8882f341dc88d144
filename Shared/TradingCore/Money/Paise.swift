import Foundation

/// An amount of Indian rupees held exactly as an integer number of paise (₹1 = 100 paise).
///
/// Prices, stops, P&L and fees are all `Paise`; they are summed and persisted without
/// floating-point drift. JSON carries the raw paise count (fields are named `…Paise`).
public struct Paise: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var value: Int64

    public init(_ value: Int64) { self.value = value }

    /// Rounds a floating-point rupee amount to the nearest paisa.
    public init(rupees: Double) {
        self.value = Int64((rupees * 100).rounded())
    }

    /// Parses a decimal rupee string such as `"24734.05"`, `"-12.5"` or `"100"`.
    /// Returns nil for anything else, including more than two decimals that are not zero.
    public init?(rupeeString raw: some StringProtocol) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" { negative = true; digits = digits.dropFirst() }
        else if digits.first == "+" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty || parts.count == 2,
              whole.allSatisfy(\.isASCIIDigit) else { return nil }
        var fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy(\.isASCIIDigit), !(parts.count == 2 && fraction.isEmpty && whole.isEmpty) else { return nil }
        while fraction.count > 2, fraction.last == "0" { fraction = fraction.dropLast() }
        guard fraction.count <= 2 else { return nil }
        let paddedFraction = fraction + String(repeating: "0", count: 2 - fraction.count)
        guard let rupees = Int64(whole.isEmpty ? "0" : String(whole)),
              let paise = Int64(paddedFraction) else { return nil }
        let (scaled, overflow) = rupees.multipliedReportingOverflow(by: 100)
        guard !overflow else { return nil }
        // Apply the sign before adding the paise so Int64.min ("-92233720368547758.08") still parses.
        let (value, sumOverflow) = negative
            ? (-scaled).subtractingReportingOverflow(paise)
            : scaled.addingReportingOverflow(paise)
        guard !sumOverflow else { return nil }
        self.value = value
    }

    public static let zero = Paise(0)

    /// The amount in rupees as a `Double`, for indicator maths and display only.
    public var rupees: Double { Double(value) / 100 }

    /// `"24734.05"`: exact, two decimals, the form Postgres `NUMERIC` accepts.
    public var rupeeString: String {
        let magnitude = value.magnitude
        let whole = magnitude / 100
        let fraction = magnitude % 100
        return (value < 0 ? "-" : "") + "\(whole)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    public var description: String { "₹" + rupeeString }

    /// Rounds to the nearest multiple of `tick` (ties away from zero).
    public func rounded(toTick tick: Paise) -> Paise {
        guard tick.value > 0 else { return self }
        let remainder = value % tick.value
        let base = value - remainder
        if 2 * remainder.magnitude >= tick.value.magnitude {
            return Paise(base + (value >= 0 ? tick.value : -tick.value))
        }
        return Paise(base)
    }

    public static func < (lhs: Paise, rhs: Paise) -> Bool { lhs.value < rhs.value }
    public static func + (lhs: Paise, rhs: Paise) -> Paise { Paise(lhs.value + rhs.value) }
    public static func - (lhs: Paise, rhs: Paise) -> Paise { Paise(lhs.value - rhs.value) }
    public static func * (lhs: Paise, rhs: Int64) -> Paise { Paise(lhs.value * rhs) }
    public static func += (lhs: inout Paise, rhs: Paise) { lhs.value += rhs.value }
    public static prefix func - (amount: Paise) -> Paise { Paise(-amount.value) }
    public var magnitude: Paise { Paise(Int64(value.magnitude)) }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
