import Hummingbird

/// Cross-origin access only for the origins in `control_api.cors_origins` (exact
/// `scheme://host[:port]` strings; empty: none, the dashboard at `/` is same-origin). An
/// allowed origin gets `Access-Control-Allow-Origin` on every answer and a 204 to its
/// preflight; any other origin gets no CORS headers, so a browser refuses the response.
struct CORSAllowList: RouterMiddleware {
    typealias Context = APIRequestContext
    let origins: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin] else { return try await next(request, context) }
        let allowed = origins.contains(origin)
        if request.method == .options {
            var response = Response(status: allowed ? .noContent : .forbidden)
            if allowed {
                response.headers[.accessControlAllowOrigin] = origin
                response.headers[.accessControlAllowMethods] = "GET, POST, OPTIONS"
                response.headers[.accessControlAllowHeaders] = "Authorization, Content-Type"
                response.headers[.accessControlMaxAge] = "600"
                response.headers[.vary] = "Origin"
            }
            return response
        }
        var response = try await next(request, context)
        if allowed {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.vary] = "Origin"
        }
        return response
    }
}
