import Foundation
import TradingCore

/// Writes the `md.tick` and `md.bar` envelopes as JSON text without `JSONEncoder`, for the
/// hot path of marketdata (hundreds of thousands of ticks a second). The output is byte for
/// byte what `MessageCoding.makeEncoder()` writes for `Envelope<TickPayload>` and
/// `Envelope<BarPayload>` (sorted keys, the same escaping and number forms, `Timestamp`
/// dates); unit tests hold the two together.
public struct MarketEnvelopeWriter: Sendable {
    public let source: String
    private let sourceJSON: String

    public init(source: String) {
        self.source = source
        self.sourceJSON = Self.quoted(source)
    }

    public func write(_ payload: TickPayload, id: UUID, ts: Date, trace: String, mode: TradingMode) -> String {
        write(payload, id: id, tsText: Timestamp.format(ts), trace: trace, mode: mode)
    }

    /// The same, with the envelope time already formatted (`Timestamp.format`): a batch of
    /// ticks shares one `ts`, so it is formatted once per batch.
    public func write(_ payload: TickPayload, id: UUID, tsText: String, trace: String, mode: TradingMode) -> String {
        var text = head(id: id, mode: mode, capacity: 320)
        if let ask = payload.askPaise { text += "\"askPaise\":\(ask)," }
        if let bid = payload.bidPaise { text += "\"bidPaise\":\(bid)," }
        text += "\"exchangeTs\":\""
        text += Timestamp.format(payload.exchangeTs)
        text += "\",\"lastPricePaise\":\(payload.lastPricePaise),\"symbol\":"
        Self.appendQuoted(payload.symbol, to: &text)
        text += ",\"volume\":\(payload.volume)}"
        tail(&text, tsText: tsText, trace: trace, type: .tick)
        return text
    }

    public func write(_ payload: BarPayload, id: UUID, ts: Date, trace: String, mode: TradingMode) -> String {
        var text = head(id: id, mode: mode, capacity: 512 + 24 * payload.indicators.count)
        text += "\"closePaise\":\(payload.closePaise),\"highPaise\":\(payload.highPaise),\"indicators\":{"
        var first = true
        for (name, value) in payload.indicators.sorted(by: { $0.key < $1.key }) where value.isFinite {  // JSON has no NaN
            if !first { text += "," }
            first = false
            text += Self.quoted(name)
            text += ":"
            text += Self.number(value)
        }
        text += "},\"lowPaise\":\(payload.lowPaise),\"openPaise\":\(payload.openPaise),\"start\":\""
        text += Timestamp.format(payload.start)
        text += "\",\"symbol\":"
        text += Self.quoted(payload.symbol)
        text += ",\"timeframe\":"
        text += Self.quoted(payload.timeframe)
        text += ",\"volume\":\(payload.volume)}"
        tail(&text, tsText: Timestamp.format(ts), trace: trace, type: .bar)
        return text
    }

    private func head(id: UUID, mode: TradingMode, capacity: Int) -> String {
        var text = "{\"id\":\""
        text.reserveCapacity(capacity)
        text += Self.uuidText(id)
        text += "\",\"mode\":"
        text += Self.quoted(mode.rawValue)
        text += ",\"payload\":{"
        return text
    }

    private func tail(_ text: inout String, tsText: String, trace: String, type: MessageType) {
        text += ",\"source\":"
        text += sourceJSON
        text += ",\"trace\":"
        Self.appendQuoted(trace, to: &text)
        text += ",\"ts\":\""
        text += tsText
        text += "\",\"type\":"
        text += Self.quoted(type.rawValue)
        text += ",\"v\":\(Envelope<TickPayload>.currentVersion)}"
    }

    /// `UUID.uuidString` (uppercase, dashed) without going through `snprintf`.
    static func uuidText(_ id: UUID) -> String {
        let digits: [UInt8] = Array("0123456789ABCDEF".utf8)
        return withUnsafeBytes(of: id.uuid) { raw in
            String(unsafeUninitializedCapacity: 36) { buffer in
                var out = 0
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 { buffer[out] = 45; out += 1 }
                    buffer[out] = digits[Int(raw[index] >> 4)]
                    buffer[out + 1] = digits[Int(raw[index] & 0x0F)]
                    out += 2
                }
                return out
            }
        }
    }

    /// A finite double as `JSONEncoder` writes it: Swift's shortest form without a trailing `.0`.
    static func number(_ value: Double) -> String {
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// Appends `quoted(value)` without building the intermediate string when nothing needs escaping.
    static func appendQuoted(_ value: String, to text: inout String) {
        for byte in value.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            text += quoted(value)
            return
        }
        text += "\""
        text += value
        text += "\""
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
