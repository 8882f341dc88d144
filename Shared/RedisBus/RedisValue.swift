/// A decoded Redis reply.
public enum RedisValue: Sendable, Hashable {
    case string(String)
    case status(String)
    case integer(Int64)
    case array([RedisValue])
    case null
    case error(String)

    public var string: String? {
        switch self {
        case .string(let text), .status(let text): return text
        case .integer(let number): return String(number)
        default: return nil
        }
    }

    public var integer: Int64? {
        switch self {
        case .integer(let number): return number
        case .string(let text): return Int64(text)
        default: return nil
        }
    }

    public var array: [RedisValue]? {
        if case .array(let items) = self { return items }
        return nil
    }
}
