import Foundation
import Messages

/// A message read from the bus whose envelope header decoded; the payload is decoded on
/// demand as the type the header names.
public struct IncomingMessage: Sendable {
    public let channel: String
    public let header: EnvelopeHeader
    public let raw: Data

    public func decode<P: Codable & Sendable>(_ type: P.Type) throws -> Envelope<P> {
        try MessageCoding.makeDecoder().decode(Envelope<P>.self, from: raw)
    }
}
