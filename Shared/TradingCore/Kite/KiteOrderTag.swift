/// Kite's `tag` (at most 20 characters) for an executor client order id, which is longer:
/// `ai` and 18 hex digits of SHA-256 of the id. Deterministic, so the tag of every order
/// in Postgres can be recomputed after a restart and matched to Kite's order book.
public enum KiteOrderTag {
    public static let maxLength = 20

    public static func tag(forClientOrderId id: String) -> String {
        "ai" + SHA256.hex(id).prefix(18)
    }
}
