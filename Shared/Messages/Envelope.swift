import Foundation
import TradingCore

/// The one JSON envelope on every channel:
/// `{"v":1,"id":UUID,"type":"decision.approved","ts":…,"source":"risk-gate","trace":ID,"mode":"PAPER","payload":{…}}`.
public struct Envelope<Payload: Codable & Sendable>: Codable, Sendable {
    public static var currentVersion: Int { 1 }

    public var v: Int
    public var id: UUID
    public var type: MessageType
    public var ts: Date
    public var source: String
    /// Created with the market event that started the chain; carried by every later
    /// message, row and log line.
    public var trace: String
    public var mode: TradingMode
    public var payload: Payload

    public init(type: MessageType, ts: Date, source: String, trace: String, mode: TradingMode, payload: Payload, id: UUID = UUID()) {
        self.v = Self.currentVersion
        self.id = id
        self.type = type
        self.ts = ts
        self.source = source
        self.trace = trace
        self.mode = mode
        self.payload = payload
    }
}

/// The envelope without its payload: read first to learn the type, then the payload is
/// decoded as that type.
public struct EnvelopeHeader: Codable, Sendable {
    public var v: Int
    public var id: UUID
    public var type: MessageType
    public var ts: Date
    public var source: String
    public var trace: String
    public var mode: TradingMode
}

/// A new trace id for a market event that starts a chain.
public enum TraceID {
    public static func make() -> String {
        UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16).description
    }
}

extension TraceID {
    /// The trace id taken from a message id's first 8 bytes, for a message that starts a
    /// chain (cheaper than a second random UUID on marketdata's hot path).
    public static func of(_ id: UUID) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var bytes = [UInt8](repeating: 0, count: 16)
        withUnsafeBytes(of: id.uuid) { raw in
            for index in 0..<8 {
                bytes[index * 2] = digits[Int(raw[index] >> 4)]
                bytes[index * 2 + 1] = digits[Int(raw[index] & 0x0F)]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
