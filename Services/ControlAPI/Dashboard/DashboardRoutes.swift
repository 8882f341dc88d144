import Hummingbird

/// The dashboard's three files. They need no token (the page asks for one and keeps it in
/// sessionStorage); every call the page makes carries it.
enum DashboardRoutes {
    static let paths: Set<String> = ["/", "/dashboard.css", "/dashboard.js"]

    /// Same-origin only: no inline script, no external source, not framed.
    static let policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

    static func add(to router: Router<APIRequestContext>) {
        router.get("/") { _, _ in file(DashboardPage.html, type: "text/html; charset=utf-8") }
        router.get("/dashboard.css") { _, _ in file(DashboardStyle.css, type: "text/css; charset=utf-8") }
        router.get("/dashboard.js") { _, _ in file(DashboardScript.javascript, type: "text/javascript; charset=utf-8") }
    }

    private static func file(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache", .contentSecurityPolicy: policy,
                                        .init("X-Content-Type-Options")!: "nosniff", .init("Referrer-Policy")!: "no-referrer"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
