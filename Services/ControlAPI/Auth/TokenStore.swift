import Foundation
import ServiceKit
import TradingCore

/// The API tokens, held only as SHA-256 hashes. From configuration, `control_api.tokens`:
/// `name:role:sha256hex` entries (role `viewer` or `operator`; `aitrapp token-hash` or
/// `printf %s TOKEN | sha256sum` gives the hash); and from the environment,
/// `AITRAPP_OPERATOR_TOKEN` and `AITRAPP_VIEWER_TOKEN` (plain tokens, hashed at load and
/// named `operator` and `viewer`); and signed JWTs (`JWTVerifier`) when `AITRAPP_JWT_SECRET` is set.
struct TokenStore: Sendable {
    private let principals: [String: APIPrincipal]
    /// HS256 JWTs, when a secret is configured.
    private let jwt: JWTVerifier?

    init(config: AppConfig, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        var principals: [String: APIPrincipal] = [:]
        for entry in config.list("control_api.tokens", default: []) {
            let parts = entry.split(separator: ":").map(String.init)
            guard parts.count == 3, !parts[0].isEmpty, let role = APIRole(rawValue: parts[1]),
                  parts[2].count == 64, parts[2].allSatisfy(\.isHexDigit) else {
                // The entry is not echoed: it could be a token pasted in the wrong place.
                throw ConfigError.invalidValue(key: "control_api.tokens", expected: "name:viewer|operator:sha256hex entries")
            }
            principals[parts[2].lowercased()] = APIPrincipal(name: parts[0], role: role)
        }
        for (variable, role) in [("AITRAPP_OPERATOR_TOKEN", APIRole.operator), ("AITRAPP_VIEWER_TOKEN", .viewer)] {
            guard let token = environment[variable], !token.isEmpty else { continue }
            guard token.count >= 16 else {
                throw ConfigError.invalidValue(key: variable, expected: "a token of at least 16 characters")
            }
            principals[SHA256.hex(token)] = APIPrincipal(name: role.rawValue, role: role)
        }
        self.principals = principals
        let secret = environment["AITRAPP_JWT_SECRET"].flatMap { $0.isEmpty ? nil : $0 } ?? config.string("control_api.jwt_secret", default: "")
        if !secret.isEmpty {
            guard secret.count >= 32 else {
                throw ConfigError.invalidValue(key: "AITRAPP_JWT_SECRET", expected: "a secret of at least 32 characters")
            }
            jwt = JWTVerifier(secret: secret)
        } else {
            jwt = nil
        }
    }

    var isEmpty: Bool { principals.isEmpty && jwt == nil }

    /// The caller of an `Authorization: Bearer <token>` header, nil for anything else.
    func authenticate(authorization: String?) -> APIPrincipal? {
        guard let authorization, authorization.hasPrefix("Bearer ") else { return nil }
        let token = authorization.dropFirst("Bearer ".count).trimmingCharacters(in: .whitespaces)
        return authenticate(token: token)
    }

    /// The caller holding `token`, nil for an unknown or empty one.
    func authenticate(token: String?) -> APIPrincipal? {
        guard let token, !token.isEmpty else { return nil }
        if let principal = principals[SHA256.hex(token)] { return principal }
        return jwt?.principal(token, now: Date())
    }
}
