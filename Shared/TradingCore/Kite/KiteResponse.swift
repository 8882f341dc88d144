import Foundation

/// Kite's JSON envelope: `{"status":"success","data":…}` or
/// `{"status":"error","error_type":"…","message":"…","data":null}`.
public enum KiteResponse {
    private struct Envelope<T: Decodable>: Decodable {
        var status: String?
        var data: T?
        var message: String?
        var errorType: String?

        enum CodingKeys: String, CodingKey { case status, data, message, errorType = "error_type" }
    }

    private struct ErrorOnly: Decodable {
        var status: String?
        var message: String?
        var errorType: String?

        enum CodingKeys: String, CodingKey { case status, message, errorType = "error_type" }
    }

    /// The `data` of a successful answer, or the `KiteError` the answer describes.
    public static func decode<T: Decodable>(_ type: T.Type, httpStatus: Int, body: Data) throws(KiteError) -> T {
        guard (200..<300).contains(httpStatus) else { throw error(httpStatus: httpStatus, body: body) }
        let envelope: Envelope<T>
        do {
            envelope = try JSONDecoder().decode(Envelope<T>.self, from: body)
        } catch {
            throw .malformed("answer does not match \(T.self)", httpStatus: httpStatus)
        }
        if envelope.status == "error" {
            throw .api(httpStatus: httpStatus, errorType: envelope.errorType, message: envelope.message ?? "error")
        }
        guard envelope.status == "success", let data = envelope.data else {
            throw .malformed("answer has no data", httpStatus: httpStatus)
        }
        return data
    }

    /// The error an unsuccessful answer carries; a body without Kite's fields still maps by status.
    public static func error(httpStatus: Int, body: Data) -> KiteError {
        let parsed = try? JSONDecoder().decode(ErrorOnly.self, from: body)
        return .api(httpStatus: httpStatus, errorType: parsed?.errorType,
                    message: parsed?.message ?? "HTTP \(httpStatus) without a Kite error body")
    }
}
