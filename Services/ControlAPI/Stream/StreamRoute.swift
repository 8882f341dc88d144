import Foundation
import Hummingbird
import HummingbirdWebSocket
import Messages
import ServiceKit

/// `GET /ws`: the live event stream. A WebSocket upgrade with a valid token (any role) and
/// valid `channels` is accepted; anything else falls through to the HTTP router, where the
/// same route answers 401 (no or bad token), 400 (an unknown channel) or 426 (not an upgrade).
///
/// Frames (text, JSON): first `{"channel":"ws","type":"welcome",…}`, then every event as
/// `{"channel":"positions","event":<the envelope>}`, and every `heartbeat` period
/// `{"channel":"ws","type":"heartbeat","ts":…,"dropped":N}` (N: frames dropped so far
/// because this client read too slowly; the buffer keeps the newest ones).
enum StreamRoute {
    static let path = "/ws"

    /// The router Hummingbird consults for WebSocket upgrades only.
    static func upgradeRouter(hub: StreamHub, tokens: TokenStore, clock: any ServiceClock) -> Router<StreamRequestContext> {
        let router = Router(context: StreamRequestContext.self)
        router.ws(RouterPath(path)) { request, _ in
            guard tokens.authenticate(token: BearerCredential.token(request, allowStreamForms: true)) != nil,
                  (try? StreamChannels.filter(request.uri.queryParameters.get("channels"))) != nil else {
                return .dontUpgrade
            }
            return BearerCredential.offersSubprotocol(request) ? .upgrade([.secWebSocketProtocol: BearerCredential.subprotocol]) : .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            let request = context.request
            guard let principal = tokens.authenticate(token: BearerCredential.token(request, allowStreamForms: true)),
                  let filter = try? StreamChannels.filter(request.uri.queryParameters.get("channels")),
                  let client = hub.add(filter: filter, principal: principal) else {
                try await outbound.close(.goingAway, reason: "unavailable")
                return
            }
            defer { hub.remove(client) }
            client.offer(welcome(client, hub: hub))
            try await withThrowingTaskGroup(of: Void.self) { group in
                // The client sends nothing we act on; reading notices when it closes.
                group.addTask { for try await _ in inbound.messages(maxSize: 4096) {} }
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: hub.heartbeat)
                        client.offer(heartbeat(client, now: clock.now()))
                    }
                }
                group.addTask {
                    for await frame in client.frames { try await outbound.write(.text(frame)) }
                }
                _ = try await group.next()
                group.cancelAll()
            }
        }
        return router
    }

    /// The same path on the HTTP router: reached when the upgrade was refused or not asked for.
    static func fallback(_ request: Request) throws(APIError) -> String {
        _ = try StreamChannels.filter(request.uri.queryParameters.get("channels"))
        throw APIError(code: .upgradeRequired, message: "/ws is a WebSocket: connect with Upgrade: websocket")
    }

    static func welcome(_ client: StreamClient, hub: StreamHub) -> String {
        let channels = client.filter.names.map(JSONResponse.quote).joined(separator: ",")
        return "{\"channel\":\"ws\",\"type\":\"welcome\",\"actor\":\(JSONResponse.quote(client.principal.name)),"
            + "\"role\":\"\(client.principal.role.rawValue)\",\"channels\":[\(channels)],"
            + "\"heartbeat_ms\":\(hub.heartbeat.components.seconds * 1000 + hub.heartbeat.components.attoseconds / 1_000_000_000_000_000),"
            + "\"buffer\":\(hub.capacity),\"subscribed\":\(hub.isSubscribed)}"
    }

    static func heartbeat(_ client: StreamClient, now: Date) -> String {
        "{\"channel\":\"ws\",\"type\":\"heartbeat\",\"ts\":\"\(Timestamp.format(now))\",\"dropped\":\(client.dropped)}"
    }
}
