import Hummingbird

/// An API error; the HTTP status is chosen here, in control-api, and nowhere else.
/// Rendered as `{"error":{"code":…,"message":…}}`; messages never echo secrets.
struct APIError: Error {
    enum Code: String {
        case badRequest = "bad_request"
        case confirmationRequired = "confirmation_required"
        case brokerCredentialsMissing = "broker_credentials_missing"
        case unavailable = "unavailable"
        case notFound = "not_found"
        case unauthorized = "unauthorized"
        case forbidden = "forbidden"
        case upgradeRequired = "upgrade_required"
        case payloadTooLarge = "payload_too_large"
        case rateLimited = "rate_limited"
        case positionsOpen = "positions_open"
        case positionNotOpen = "position_not_open"
    }

    let code: Code
    let message: String

    var status: HTTPResponse.Status {
        switch code {
        case .badRequest, .confirmationRequired: return .badRequest
        case .brokerCredentialsMissing, .positionsOpen, .positionNotOpen: return .conflict
        case .payloadTooLarge: return .contentTooLarge
        case .rateLimited: return .tooManyRequests
        case .unavailable: return .serviceUnavailable
        case .notFound: return .notFound
        case .unauthorized: return .unauthorized
        case .forbidden: return .forbidden
        case .upgradeRequired: return .upgradeRequired
        }
    }

    var response: Response {
        JSONResponse.make(status, "{\"error\":{\"code\":\(JSONResponse.quote(code.rawValue)),\"message\":\(JSONResponse.quote(message))}}")
    }
}
