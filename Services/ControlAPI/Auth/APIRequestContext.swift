import Hummingbird
import NIOCore

/// Hummingbird's request context plus the authenticated caller and the peer address.
struct APIRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Set by `AuthMiddleware` for every route except `/health`.
    var principal: APIPrincipal?
    /// The TCP peer, for the audit log.
    let peer: String?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        principal = nil
        peer = source.channel.remoteAddress?.ipAddress
    }
}
