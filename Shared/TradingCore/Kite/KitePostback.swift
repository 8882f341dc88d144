import Foundation

/// Kite's order-update postback (a POST of the order's JSON to the app's postback URL on
/// every status change). Its `checksum` is SHA-256 of `order_id + order_timestamp +
/// api_secret`, so only Kite (which knows the secret) can produce it.
public struct KitePostback: Hashable, Sendable {
    public var order: KiteOrder
    public var checksum: String
    public var userId: String?

    private struct Extra: Decodable {
        var checksum: String?
        var userId: String?
        enum CodingKeys: String, CodingKey { case checksum, userId = "user_id" }
    }

    /// Nil when the body is not a postback (not JSON, a missing order field, no checksum).
    public static func parse(_ body: Data) -> KitePostback? {
        let decoder = JSONDecoder()
        guard let order = try? decoder.decode(KiteOrder.self, from: body),
              let extra = try? decoder.decode(Extra.self, from: body), let checksum = extra.checksum else { return nil }
        return KitePostback(order: order, checksum: checksum, userId: extra.userId)
    }

    /// The checksum Kite computes for this order with `apiSecret`.
    public func expectedChecksum(apiSecret: String) -> String {
        SHA256.hex(order.orderId + (order.orderTimestampText ?? "") + apiSecret)
    }

    /// True when the checksum is the one Kite would compute with `apiSecret` (compared in constant time).
    public func isAuthentic(apiSecret: String) -> Bool {
        let expected = Array(expectedChecksum(apiSecret: apiSecret).utf8)
        let given = Array(checksum.lowercased().utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for index in expected.indices { difference |= expected[index] ^ given[index] }
        return difference == 0
    }
}
