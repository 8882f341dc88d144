/// Who made a request: the token's name (written to the audit log) and its role.
struct APIPrincipal: Sendable, Hashable {
    let name: String
    let role: APIRole
}
