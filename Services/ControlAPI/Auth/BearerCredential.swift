import Hummingbird

/// Where a request's token comes from. Every route: `Authorization: Bearer <token>`. `/ws`
/// also, since a browser cannot set headers on a WebSocket: the subprotocol list
/// `Sec-WebSocket-Protocol: aitrapp.bearer, <token>` (`new WebSocket(url, ["aitrapp.bearer", token])`),
/// or `?token=<token>` (last resort: URLs end up in proxy logs).
enum BearerCredential {
    static let subprotocol = "aitrapp.bearer"

    static func token(_ request: Request, allowStreamForms: Bool) -> String? {
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            let token = header.dropFirst("Bearer ".count).trimmingCharacters(in: .whitespaces)
            return token.isEmpty ? nil : token
        }
        guard allowStreamForms else { return nil }
        if let token = fromSubprotocol(request) { return token }
        if let token = request.uri.queryParameters.get("token"), !token.isEmpty { return token }
        return nil
    }

    /// True when the client offered the `aitrapp.bearer` subprotocol (the answer must then name it).
    static func offersSubprotocol(_ request: Request) -> Bool {
        protocols(request).contains(subprotocol)
    }

    private static func fromSubprotocol(_ request: Request) -> String? {
        let offered = protocols(request)
        guard let index = offered.firstIndex(of: subprotocol), index + 1 < offered.count else { return nil }
        return offered[index + 1]
    }

    private static func protocols(_ request: Request) -> [String] {
        request.headers[values: .secWebSocketProtocol].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
