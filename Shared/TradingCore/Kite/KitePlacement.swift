/// The answer to placing an order: Kite's `order_id`, and for an `autoslice` order the
/// result of each child slice (an order id, or the error Kite gave that slice).
public struct KitePlacement: Hashable, Sendable, Decodable {
    public struct Child: Hashable, Sendable, Decodable {
        public var orderId: String?
        public var error: ChildError?

        enum CodingKeys: String, CodingKey { case orderId = "order_id", error }
    }

    public struct ChildError: Hashable, Sendable, Decodable {
        public var code: Int?
        public var errorType: String?
        public var message: String?

        enum CodingKeys: String, CodingKey { case code, errorType = "error_type", message }

        public var kiteError: KiteError {
            .api(httpStatus: code ?? 0, errorType: errorType, message: message ?? "autoslice child failed")
        }
    }

    public var orderId: String
    public var children: [Child]

    enum CodingKeys: String, CodingKey { case orderId = "order_id", children }

    public init(orderId: String, children: [Child] = []) {
        self.orderId = orderId
        self.children = children
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        orderId = try c.decode(String.self, forKey: .orderId)
        children = try c.decodeIfPresent([Child].self, forKey: .children) ?? []
    }
}
