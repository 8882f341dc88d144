/// Kite's `instrument_type` column: `EQ`, `FUT`, `CE`, `PE`, `INDEX`, … kept as an open set
/// so a type Kite adds later still loads (it is simply neither a future nor an option).
public struct KiteInstrumentType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let equity = KiteInstrumentType(rawValue: "EQ")
    public static let future = KiteInstrumentType(rawValue: "FUT")
    public static let call = KiteInstrumentType(rawValue: "CE")
    public static let put = KiteInstrumentType(rawValue: "PE")
    public static let index = KiteInstrumentType(rawValue: "INDEX")

    /// `CE` or `PE`.
    public var isOption: Bool { self == .call || self == .put }

    /// `FUT`, `CE` or `PE`: the types that must carry an expiry.
    public var isDerivative: Bool { self == .future || isOption }

    public var description: String { rawValue }
}
