import Foundation

/// What a broker reports about an order.
public enum BrokerEvent: Hashable, Sendable {
    case accepted(clientOrderId: String, at: Date)
    case rejected(clientOrderId: String, reason: OrderRejection, at: Date)
    /// An incremental fill; `remaining` is what is left to fill afterwards.
    case filled(clientOrderId: String, quantity: Int, price: Paise, remaining: Int, at: Date)
    case cancelled(clientOrderId: String, remaining: Int, at: Date)
    case modified(clientOrderId: String, at: Date)

    public var clientOrderId: String {
        switch self {
        case .accepted(let id, _), .rejected(let id, _, _), .filled(let id, _, _, _, _), .cancelled(let id, _, _),
             .modified(let id, _):
            return id
        }
    }
}
