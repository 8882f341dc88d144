/// Executor failures that change what it does next.
struct ExecutorError: Error, CustomStringConvertible {
    private enum Code {
        case positionAlreadyClosed
        case orderNotWorking
        case flattenIncomplete
        case pausedAtEntry
        case planMissing
    }

    private let code: Code
    let description: String

    private init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// The position was no longer open in Postgres when an exit was recorded.
    static let positionAlreadyClosed = ExecutorError(.positionAlreadyClosed, "position already closed")
    /// A fill was for an order that is not working any more.
    static func orderNotWorking(_ id: String) -> ExecutorError { ExecutorError(.orderNotWorking, "order \(id) is not working") }
    /// Flatten left positions open or orders working; the request stays pending and is retried.
    static func flattenIncomplete(openPositions: Int, workingOrders: Int) -> ExecutorError {
        ExecutorError(.flattenIncomplete, "flatten incomplete: \(openPositions) positions open, \(workingOrders) orders working")
    }
    /// The desk was paused between the approval and the entry.
    static let pausedAtEntry = ExecutorError(.pausedAtEntry, "entry refused: trading is paused")
    /// A group's decision or signal could not be read back.
    static func planMissing(_ group: String) -> ExecutorError { ExecutorError(.planMissing, "plan of group \(group) not found") }

    var isPausedAtEntry: Bool { code == .pausedAtEntry }
    var isPositionAlreadyClosed: Bool { code == .positionAlreadyClosed }
}
