import Foundation

/// Number formatting for rationales and explanations: fixed decimals, locale-independent.
public enum Format {
    /// `value` with `decimals` fixed decimals, as `String(format: "%.Nf")` prints it. Integer
    /// arithmetic for ordinary values (this is on the risk-gate's hot path); values near a
    /// rounding half, huge or non-finite ones go through `String(format:)` for exact parity.
    public static func number(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite, (0...9).contains(decimals), abs(value) < 1e12 else { return String(format: "%.\(decimals)f", value) }
        var power: Int64 = 1
        for _ in 0..<decimals { power *= 10 }
        let scaled = abs(value) * Double(power)
        let fraction = scaled - scaled.rounded(.down)
        guard abs(fraction - 0.5) > 1e-6 else { return String(format: "%.\(decimals)f", value) }
        let units = Int64(scaled.rounded())
        let whole = String(units / power)
        let sign = value.sign == .minus ? "-" : ""
        guard decimals > 0 else { return sign + whole }
        let fractionDigits = String(units % power)
        return sign + whole + "." + String(repeating: "0", count: decimals - fractionDigits.count) + fractionDigits
    }

    public static func percent(_ fraction: Double, decimals: Int = 2) -> String {
        number(fraction * 100, decimals: decimals) + "%"
    }
}
