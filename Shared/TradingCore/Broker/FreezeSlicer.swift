/// Splits a quantity above the exchange freeze quantity into orders that each stay at
/// or under it, in whole lots (Kite's autoslice does the same at the broker).
public enum FreezeSlicer {
    /// `quantity` in slices of at most `freezeQuantity` units, each a whole number of
    /// lots; one slice when there is no freeze limit. The slices add up to `quantity`.
    public static func slices(quantity: Int, freezeQuantity: Int?, lotSize: Int = 1) -> [Int] {
        guard quantity > 0 else { return [] }
        guard let freeze = freezeQuantity, freeze > 0, quantity > freeze else { return [quantity] }
        let lot = max(1, lotSize)
        let perSlice = max(lot, (freeze / lot) * lot)
        var left = quantity
        var result: [Int] = []
        while left > 0 {
            let slice = min(perSlice, left)
            result.append(slice)
            left -= slice
        }
        return result
    }
}
