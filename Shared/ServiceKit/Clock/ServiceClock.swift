import Foundation

/// Where a service reads the time. The core never reads a clock; shells read this one
/// and pass instants in, so tests can run a whole session in seconds.
public protocol ServiceClock: Sendable {
    func now() -> Date
}

/// The wall clock.
public struct SystemClock: ServiceClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that starts at `start` and runs `speed` times faster than the wall clock.
public struct ScaledClock: ServiceClock {
    public let start: Date
    public let speed: Double
    private let wallStart: Date

    public init(start: Date, speed: Double, wallStart: Date = Date()) {
        self.start = start
        self.speed = speed
        self.wallStart = wallStart
    }

    public func now() -> Date {
        start.addingTimeInterval(Date().timeIntervalSince(wallStart) * speed)
    }
}
