/// The sizing half of `canEnter`: the lots, and how risk and charges grow with them.
struct TradeSizing {
    var verdicts: [GateVerdict]
    var lots: Int
    var marginPerLot: Paise
    var slices: [Int]
    let riskPerLot: Paise
    let feesFor: (Int) -> Paise

    func fees(_ lots: Int) -> Paise { lots > 0 ? feesFor(lots) : .zero }
    /// Loss at the stop with `lots`, round-trip charges included.
    func risk(_ lots: Int) -> Paise { riskPerLot * Int64(lots) + fees(lots) }

    /// The largest n ≤ upper with risk(n) ≤ budget (0 when none). Risk grows with the lots
    /// (charges never fall as quantity rises), so a binary search finds it in O(log upper).
    func largest(upTo upper: Int, within budget: Paise) -> Int {
        guard upper > 0 else { return 0 }
        if risk(upper) <= budget { return upper }
        var low = 0, high = upper          // risk(low) ≤ budget (or low = 0), risk(high) > budget
        while high - low > 1 {
            let mid = low + (high - low) / 2
            if risk(mid) <= budget { low = mid } else { high = mid }
        }
        return low
    }
}
