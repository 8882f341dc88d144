/// An encoded envelope and the channel it goes to, for `EventBus.publish(batch:)`.
public struct OutgoingMessage: Sendable {
    public var channel: String
    public var text: String

    public init(channel: String, text: String) {
        self.channel = channel
        self.text = text
    }
}
