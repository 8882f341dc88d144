import Foundation
import TradingCore

/// Signed tokens as an alternative to the static ones: JWTs signed with HS256 and the
/// secret in `AITRAPP_JWT_SECRET` (or `control_api.jwt_secret`; at least 32 characters).
/// Claims: `sub` (the name in the audit log, as `jwt:<sub>`), `role` (`viewer` or
/// `operator`), `exp` (required, seconds since 1970) and optionally `nbf`. Any other
/// algorithm (`none` included) is refused; a bad token is just not authenticated (401).
struct JWTVerifier: Sendable {
    private let secret: [UInt8]
    static let leeway: TimeInterval = 30

    init(secret: String) {
        self.secret = Array(secret.utf8)
    }

    func principal(_ token: String, now: Date) -> APIPrincipal? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, token.count <= 4096,
              let headerData = Self.base64URL(parts[0]), let payloadData = Self.base64URL(parts[1]),
              let signature = Self.base64URL(parts[2]),
              let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any],
              header["alg"] as? String == "HS256" else { return nil }
        let expected = HMACSHA256.mac(key: secret, message: Array("\(parts[0]).\(parts[1])".utf8))
        guard HMACSHA256.constantTimeEqual(expected, Array(signature)),
              let claims = try? JSONSerialization.jsonObject(with: payloadData) as? [String: Any],
              let subject = claims["sub"] as? String, !subject.isEmpty, subject.count <= 64,
              let role = (claims["role"] as? String).flatMap(APIRole.init(rawValue:)),
              let expiry = (claims["exp"] as? NSNumber)?.doubleValue,
              now.timeIntervalSince1970 < expiry + Self.leeway else { return nil }
        if let notBefore = (claims["nbf"] as? NSNumber)?.doubleValue, now.timeIntervalSince1970 + Self.leeway < notBefore { return nil }
        return APIPrincipal(name: "jwt:" + subject, role: role)
    }

    static func base64URL(_ text: Substring) -> Data? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
