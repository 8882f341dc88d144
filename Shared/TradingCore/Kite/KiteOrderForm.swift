/// The form fields of Kite's order calls (`application/x-www-form-urlencoded`).
public enum KiteOrderForm {
    /// `POST /orders/:variety` for one executor order.
    public static func place(_ request: OrderRequest, exchange: String, product: String, tradingSymbol: String? = nil,
                             marketProtection: Int? = nil) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("tradingsymbol", tradingSymbol ?? request.symbol), ("exchange", exchange),
            ("transaction_type", request.side.rawValue), ("order_type", request.type.rawValue),
            ("quantity", String(request.quantity)), ("product", product), ("validity", "DAY"),
            ("tag", KiteOrderTag.tag(forClientOrderId: request.clientOrderId)),
        ]
        if let price = request.price, request.type == .limit { fields.append(("price", KitePrice.text(price))) }
        if let trigger = request.trigger, request.type == .stopMarket { fields.append(("trigger_price", KitePrice.text(trigger))) }
        if let marketProtection, request.type != .limit { fields.append(("market_protection", String(marketProtection))) }
        return fields
    }

    /// `PUT /orders/:variety/:order_id`: only what changes.
    public static func modify(type: OrderType, quantity: Int?, price: Paise?, trigger: Paise?) -> [(String, String)] {
        var fields: [(String, String)] = [("order_type", type.rawValue)]
        if let quantity { fields.append(("quantity", String(quantity))) }
        if let price { fields.append(("price", KitePrice.text(price))) }
        if let trigger { fields.append(("trigger_price", KitePrice.text(trigger))) }
        return fields
    }

    /// `a=1&b=two%20words`: each name and value percent-encoded (everything but RFC 3986's unreserved characters).
    public static func encode(_ fields: [(String, String)]) -> String {
        fields.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }
}
