/// Order slices that keep every order under the exchange freeze quantity, each a whole
/// number of lots. Orders at or above the freeze quantity are frozen, so a slice is at most
/// the largest multiple of the lot size strictly below it.
public enum SlicePlan {
    /// The slices for `quantity`, or nil when one lot already reaches the freeze quantity.
    public static func slices(quantity: Int, lotSize: Int, freezeQuantity: Int?) -> [Int]? {
        guard quantity > 0, lotSize > 0 else { return [] }
        guard let freeze = freezeQuantity, freeze > 0 else { return [quantity] }
        let largest = (freeze - 1) / lotSize * lotSize
        guard largest >= lotSize else { return nil }
        var result = Array(repeating: largest, count: quantity / largest)
        if quantity % largest > 0 { result.append(quantity % largest) }
        return result
    }
}
