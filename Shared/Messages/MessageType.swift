/// Every message type in the system. The catalog with payloads is `docs/MESSAGES.md`.
public enum MessageType: String, Codable, Sendable, CaseIterable {
    case tick = "md.tick"
    case bar = "md.bar"
    case chain = "md.chain"
    case instruments = "md.instruments"
    case signalCreated = "signal.created"
    case decisionApproved = "decision.approved"
    case decisionRejected = "decision.rejected"
    case orderPlaced = "order.placed"
    case orderFilled = "order.filled"
    case orderCancelled = "order.cancelled"
    case orderRejected = "order.rejected"
    /// A working child changed size or trigger (TP1 shrinks the stop, breakeven, the ATR trail).
    case orderModified = "order.modified"
    case fillCreated = "fill.created"
    case positionOpened = "position.opened"
    case positionUpdated = "position.updated"
    case positionClosed = "position.closed"
    case tradeClosed = "trade.closed"
    case controlPause = "control.pause"
    case controlResume = "control.resume"
    case controlFlatten = "control.flatten"
    case controlMode = "control.mode"
    /// Close one position (`POST /positions/{id}/close`); `positionId` in the payload.
    case controlClose = "control.close"
    /// strategy-ranker re-reads its configuration (`strategies.*`, `strategy_ranker.*`).
    case strategiesReload = "strategies.reload"
    case regimeUpdated = "regime.updated"
    case job = "job.run"
    case riskEvent = "risk.event"
    case riskSnapshot = "risk.snapshot"
    /// scheduler-worker's end-of-day report (`eod.report` job) on `reports`.
    case eodReport = "report.eod"
    /// The kill switch finished: how long it took and whether the book is flat.
    case flattenCompleted = "flatten.completed"
}
