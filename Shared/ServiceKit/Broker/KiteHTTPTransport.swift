import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TradingCore

/// One HTTP exchange with Kite Connect v3 (URLSession; on Linux FoundationNetworking over
/// libcurl): `X-Kite-Version: 3`, `Authorization: token api_key:access_token`, form bodies.
final class KiteHTTPTransport: Sendable {
    let baseURL: String
    private let credentials: KiteCredentials
    private let session: URLSession
    private let timeout: TimeInterval

    init(baseURL: String, credentials: KiteCredentials, timeoutSeconds: Double) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.credentials = credentials
        self.timeout = timeoutSeconds
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeoutSeconds
        configuration.httpMaximumConnectionsPerHost = 4
        self.session = URLSession(configuration: configuration)
    }

    /// The status and body of `method path` with `form` (query for GET/DELETE, body otherwise).
    func send(_ method: String, _ path: String, form: [(String, String)] = []) async throws(KiteError) -> (status: Int, body: Data) {
        let encoded = KiteOrderForm.encode(form)
        let inQuery = (method == "GET" || method == "DELETE") && !form.isEmpty
        guard let url = URL(string: baseURL + path + (inQuery ? "?" + encoded : "")) else {
            throw .malformed("bad Kite URL for \(path)", httpStatus: 0)
        }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = method
        request.setValue("3", forHTTPHeaderField: "X-Kite-Version")
        request.setValue(credentials.authorization, forHTTPHeaderField: "Authorization")
        if !inQuery && !form.isEmpty {
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(encoded.utf8)
        }
        let session = self.session
        let result: Result<(Int, Data), KiteError> = await withCheckedContinuation { continuation in
            let task = session.dataTask(with: request) { data, response, error in
                if let error {
                    // The URL error text names the host, never the Authorization header.
                    continuation.resume(returning: .failure(.transport("\(method) \(path): \((error as NSError).code) \(error.localizedDescription)")))
                } else if let http = response as? HTTPURLResponse {
                    continuation.resume(returning: .success((http.statusCode, data ?? Data())))
                } else {
                    continuation.resume(returning: .failure(.transport("\(method) \(path): no HTTP response")))
                }
            }
            task.resume()
        }
        return try result.get()
    }
}
