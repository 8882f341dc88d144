import Foundation
import Hummingbird

/// Every route except `/health` and the dashboard's files needs a bearer token; commands need the operator role.
/// 401 without a valid token, 403 for a viewer's command; the token is never echoed.
/// Failed authentications are limited per peer address (`failures`): once a peer's bucket
/// is empty it is answered 429 without its token being checked, so tokens cannot be
/// guessed at speed; a peer with a valid token is never charged.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let tokens: TokenStore
    var failures: RateLimiter?
    static let openPaths: Set<String> = ["/health"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.openPaths.contains(request.uri.path) || DashboardRoutes.paths.contains(request.uri.path) || request.method == .options {
            return try await next(request, context)
        }
        let peer = "failed-auth@\(context.peer ?? "?")"
        if let failures, failures.perSecond > 0 {
            let wait = failures.waiting(peer, at: Date())
            if wait > 0 {
                var response = APIError(code: .rateLimited, message: "too many failed authentications from this address; retry in "
                                        + "\(Int(wait.rounded(.up))) s").response
                response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
                return response
            }
        }
        let token = BearerCredential.token(request, allowStreamForms: request.uri.path == StreamRoute.path)
        guard let principal = tokens.authenticate(token: token) else {
            if let failures, failures.perSecond > 0 { _ = failures.admit(peer, at: Date()) }
            let message = tokens.isEmpty
                ? "no API tokens are configured: set AITRAPP_OPERATOR_TOKEN / AITRAPP_VIEWER_TOKEN or control_api.tokens"
                : "a valid bearer token is required"
            return APIError(code: .unauthorized, message: message).response
        }
        guard principal.role.allows(method: request.method.rawValue) else {
            return APIError(code: .forbidden, message: "\(request.method.rawValue) \(request.uri.path) needs the operator role").response
        }
        var context = context
        context.principal = principal
        return try await next(request, context)
    }
}
