import Foundation
import TradingCore

/// Writes the `md.tick` envelope as JSON text without `JSONEncoder`, for the hot path of
/// marketdata (hundreds of thousands of ticks a second). The output is byte for byte what
/// `MessageCoding.makeEncoder()` writes for `Envelope<TickPayload>` (sorted keys, the same
/// escaping, `Timestamp` dates); a unit test holds the two together.
public struct TickEnvelopeWriter: Sendable {
    public let source: String
    private let sourceJSON: String

    public init(source: String) {
        self.source = source
        self.sourceJSON = Self.quoted(source)
    }

    public func write(_ payload: TickPayload, id: UUID, ts: Date, trace: String, mode: TradingMode) -> String {
        var text = "{\"id\":\""
        text.reserveCapacity(320)
        text += id.uuidString
        text += "\",\"mode\":"
        text += Self.quoted(mode.rawValue)
        text += ",\"payload\":{"
        if let ask = payload.askPaise { text += "\"askPaise\":\(ask)," }
        if let bid = payload.bidPaise { text += "\"bidPaise\":\(bid)," }
        text += "\"exchangeTs\":\""
        text += Timestamp.format(payload.exchangeTs)
        text += "\",\"lastPricePaise\":\(payload.lastPricePaise),\"symbol\":"
        text += Self.quoted(payload.symbol)
        text += ",\"volume\":\(payload.volume)},\"source\":"
        text += sourceJSON
        text += ",\"trace\":"
        text += Self.quoted(trace)
        text += ",\"ts\":\""
        text += Timestamp.format(ts)
        text += "\",\"type\":\"md.tick\",\"v\":\(Envelope<TickPayload>.currentVersion)}"
        return text
    }

    /// A JSON string literal with the escapes `JSONEncoder` uses (slashes unescaped).
    static func quoted(_ value: String) -> String {
        var needsEscape = false
        for byte in value.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C { needsEscape = true; break }
        if !needsEscape { return "\"" + value + "\"" }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
