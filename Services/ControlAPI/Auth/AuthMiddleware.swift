import Hummingbird

/// Every route except `/health` and the dashboard's files needs a bearer token; commands need the operator role.
/// 401 without a valid token, 403 for a viewer's command; the token is never echoed.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let tokens: TokenStore
    static let openPaths: Set<String> = ["/health"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.openPaths.contains(request.uri.path) || DashboardRoutes.paths.contains(request.uri.path) || request.method == .options {
            return try await next(request, context)
        }
        let token = BearerCredential.token(request, allowStreamForms: request.uri.path == StreamRoute.path)
        guard let principal = tokens.authenticate(token: token) else {
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
