/// `GET /portfolio/positions`: the net (all days) and the day's positions.
public struct KitePositions: Hashable, Sendable, Decodable {
    public var net: [KitePosition]
    public var day: [KitePosition]
}
