/// What a token may do: a viewer reads, an operator also sends commands.
enum APIRole: String, Sendable {
    case viewer
    case `operator`

    /// True when this role may make a request with `method` (reads: GET/HEAD; anything else is a command).
    func allows(method: String) -> Bool {
        self == .operator || method == "GET" || method == "HEAD"
    }
}
