import Foundation

/// Kite sends prices as JSON numbers in rupees (`109.4`, `4852`, `72.755`). They are read
/// as `Decimal` (never `Double`) and held as `Paise`; a price with more than two decimals
/// (currency derivatives quote to ¼ paisa) is rounded to the nearest paisa, half away from zero.
public enum KitePrice {
    public static func paise(_ rupees: Decimal) -> Paise {
        var scaled = rupees * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        return Paise(NSDecimalNumber(decimal: rounded).int64Value)
    }

    /// `Paise` as the rupee text Kite's form fields take (`"24734.05"`).
    public static func text(_ paise: Paise) -> String { paise.rupeeString }
}
