import Foundation
import TradingCore

/// Random (version 4) message ids from a generator seeded once from the system's
/// randomness. `UUID()` reads the kernel's random source on every call, which costs more
/// than the rest of a tick's envelope; ids only need to be unique, not secret.
public struct MessageIDGenerator: Sendable {
    private var generator: SeededGenerator

    public init(seed: UInt64 = UInt64.random(in: .min ... .max)) {
        generator = SeededGenerator(seed: seed)
    }

    public mutating func next() -> UUID {
        let high = generator.next(), low = generator.next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64(index)))
            bytes[8 + index] = UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64(index)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40   // version 4
        bytes[8] = (bytes[8] & 0x3F) | 0x80   // RFC 4122 variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
