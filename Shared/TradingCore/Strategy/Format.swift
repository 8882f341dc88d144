import Foundation

/// Number formatting for rationales and explanations: fixed decimals, locale-independent.
public enum Format {
    public static func number(_ value: Double, decimals: Int = 2) -> String {
        String(format: "%.\(decimals)f", value)
    }

    public static func percent(_ fraction: Double, decimals: Int = 2) -> String {
        number(fraction * 100, decimals: decimals) + "%"
    }
}
