/// The channels one `/ws` client receives: exact names and prefixes (from a trailing `*`).
struct StreamFilter: Sendable, Equatable {
    let exact: Set<String>
    let prefixes: [String]

    func matches(_ channel: String) -> Bool {
        exact.contains(channel) || prefixes.contains { channel.hasPrefix($0) }
    }

    /// The names as the client sees them, sorted (for the welcome message).
    var names: [String] {
        (Array(exact) + prefixes.map { $0 + "*" }).sorted()
    }
}
