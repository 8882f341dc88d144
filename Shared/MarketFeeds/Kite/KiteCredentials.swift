/// The Kite Connect API key and access token for the ticker. Both are secrets: the
/// description is redacted, and neither is ever logged.
public struct KiteCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public let apiKey: String
    public let accessToken: String

    public init(apiKey: String, accessToken: String) {
        self.apiKey = apiKey
        self.accessToken = accessToken
    }

    public var description: String { "KiteCredentials(<redacted>)" }
    public var debugDescription: String { description }
}
