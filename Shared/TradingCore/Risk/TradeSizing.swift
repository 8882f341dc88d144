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

    /// The largest n ≤ upper with risk(n) ≤ budget (0 when none).
    func largest(upTo upper: Int, within budget: Paise) -> Int {
        var n = upper
        while n > 0 && risk(n) > budget { n -= 1 }
        return max(0, n)
    }
}
