import Hummingbird
import HummingbirdWebSocket

/// The request context of the `/ws` upgrade router (Hummingbird keeps the upgrade's handler in it).
struct StreamRequestContext: RequestContext, WebSocketRequestContext {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<Self>

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
    }
}
