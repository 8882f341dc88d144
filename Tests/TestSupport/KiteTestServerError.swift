/// The local Kite test server could not be started.
public struct KiteTestServerError: Error, CustomStringConvertible {
    public let description: String
}
