/// Where a Kite order stands, from its `status` text.
public enum KiteOrderStatus: Hashable, Sendable {
    /// `OPEN`, `TRIGGER PENDING`, and the transient states on the way in or during a
    /// change (`PUT ORDER REQ RECEIVED`, `VALIDATION PENDING`, `OPEN PENDING`,
    /// `MODIFY VALIDATION PENDING`, `MODIFY PENDING`, `TRIGGER PENDING`, `CANCEL PENDING`, `AMO REQ RECEIVED`).
    case working
    case complete
    case cancelled
    case rejected
    /// A status this code does not know; treated as still working.
    case unknown(String)

    public init(_ text: String) {
        switch text.uppercased() {
        case "COMPLETE": self = .complete
        case "CANCELLED", "CANCELLED AMO": self = .cancelled
        case "REJECTED": self = .rejected
        case "OPEN", "TRIGGER PENDING", "PUT ORDER REQ RECEIVED", "VALIDATION PENDING", "OPEN PENDING",
             "MODIFY VALIDATION PENDING", "MODIFY PENDING", "CANCEL PENDING", "AMO REQ RECEIVED", "MODIFIED":
            self = .working
        default: self = .unknown(text)
        }
    }

    /// Nothing more will happen to the order.
    public var isFinal: Bool {
        switch self {
        case .complete, .cancelled, .rejected: return true
        case .working, .unknown: return false
        }
    }
}
