import Foundation

/// What the market simulator remembers about one underlying between calls.
struct SimulatedUnderlyingState: Hashable, Sendable {
    /// ln(price in rupees), unrounded.
    var logPrice: Double
    /// The log price a range regime pulls back to.
    var rangeAnchor: Double
    /// The last tick, nil before the first call.
    var lastTick: Tick?

    init(basePrice: Paise) {
        logPrice = log(basePrice.rupees)
        rangeAnchor = logPrice
        lastTick = nil
    }
}
