/// One message received by a subscriber.
public struct RedisMessage: Sendable, Hashable {
    public var channel: String
    /// The pattern that matched, for `psubscribe`.
    public var pattern: String?
    public var payload: String
}
