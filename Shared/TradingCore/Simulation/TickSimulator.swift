import Foundation

/// A seeded random-walk price feed for one symbol: `ticksPerBar` ticks per simulated
/// minute with a slowly drifting trend so EMA crosses happen. The caller owns time:
/// it passes the simulated instant of every tick. Same seed, same ticks.
public struct TickSimulator: Sendable {
    public let symbol: String
    public let tickSize: Paise
    private var generator: SeededGenerator
    private var price: Double
    private var drift = 0.0

    public init(symbol: String, basePrice: Paise, tickSize: Paise, seed: UInt64) {
        self.symbol = symbol
        self.tickSize = tickSize
        self.price = basePrice.rupees
        self.generator = SeededGenerator(seed: seed ^ UInt64(truncatingIfNeeded: symbol.hashValueStable))
    }

    /// The next tick at simulated instant `at`.
    public mutating func next(at: Date) -> Tick {
        if Double.random(in: 0..<1, using: &generator) < 0.02 {
            drift = Double.random(in: -1...1, using: &generator) * price * 0.00008
        }
        let step = generator.nextGaussian() * price * 0.00012 + drift
        price = max(tickSize.rupees, price + step)
        let lastPrice = Paise(rupees: price).rounded(toTick: tickSize)
        let volume = Int64.random(in: 1...40, using: &generator) * 75
        return Tick(symbol: symbol, timestamp: at, lastPrice: max(lastPrice, tickSize), volume: volume)
    }
}

extension String {
    /// FNV-1a of the UTF-8 bytes: stable across runs, unlike `hashValue`.
    var hashValueStable: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
