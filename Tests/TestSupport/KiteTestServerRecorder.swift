/// What a `KiteTestServer` saw: per connection, the request path and the text messages received.
public actor KiteTestServerRecorder {
    public struct Connection: Sendable {
        public var path: String
        public var texts: [String] = []
        public var isOpen = true
    }

    public private(set) var connections: [Connection] = []

    public init() {}

    func opened(path: String) -> Int {
        connections.append(Connection(path: path))
        return connections.count - 1
    }

    func received(_ text: String, on index: Int) {
        connections[index].texts.append(text)
    }

    func closed(_ index: Int) {
        connections[index].isOpen = false
    }
}
