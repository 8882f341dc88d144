/// Kite Connect credentials. Printing one never shows the values.
public struct KiteCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public let apiKey: String
    public let accessToken: String
    /// For postback checksums; empty when postbacks are not used.
    public let apiSecret: String

    public init(apiKey: String, accessToken: String, apiSecret: String = "") {
        self.apiKey = apiKey
        self.accessToken = accessToken
        self.apiSecret = apiSecret
    }

    /// `token api_key:access_token`.
    var authorization: String { "token \(apiKey):\(accessToken)" }

    public var description: String { "KiteCredentials(<redacted>)" }
    public var debugDescription: String { description }
}
