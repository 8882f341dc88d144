/// Executor failures that change what it does next.
enum ExecutorError: Error, CustomStringConvertible {
    /// The position was no longer open in Postgres when an exit was recorded.
    case positionAlreadyClosed
    /// An exit fill was for an order that is not working any more.
    case orderNotWorking(String)
    /// Flatten left positions open; the request stays pending and is retried.
    case flattenIncomplete(openPositions: Int)
    /// The desk was paused between the approval and the entry.
    case pausedAtEntry

    var description: String {
        switch self {
        case .positionAlreadyClosed: return "position already closed"
        case .orderNotWorking(let id): return "order \(id) is not working"
        case .flattenIncomplete(let open): return "flatten incomplete: \(open) positions still open"
        case .pausedAtEntry: return "entry refused: trading is paused"
        }
    }
}
