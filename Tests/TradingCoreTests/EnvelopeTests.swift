import Foundation
import Messages
import Testing
import TradingCore

@Suite("Envelope")
struct EnvelopeTests {
    private static let payload = DecisionPayload(
        decisionId: UUID(uuidString: "11111111-2222-3333-4444-555555555555")!,
        signalId: UUID(uuidString: "AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE")!,
        clientPlanId: "P-1e88be696af7a67bc11d56c6", approved: true, symbol: "NIFTY", side: "BUY",
        lots: 3, lotSize: 75, quantity: 225, entryPaise: 2_473_405, stopPaise: 2_471_405, targetPaise: 2_477_405,
        riskPaise: 450_000,
        verdicts: [GateVerdict(gate: "paused", passed: true, detail: "not paused"),
                   GateVerdict(gate: "per_trade_risk", passed: true, detail: "3 lots")])

    private static let envelope = Envelope(
        type: .decisionApproved, ts: Date(timeIntervalSince1970: 1_795_324_900.123456), source: "risk-gate",
        trace: "0123456789abcdef", mode: .paper, payload: payload,
        id: UUID(uuidString: "00000000-0000-4000-8000-000000000001")!)

    @Test("encodes the envelope keys v,id,type,ts,source,trace,mode,payload with readable values")
    func encodesKeys() throws {
        let data = try MessageCoding.makeEncoder().encode(Self.envelope)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["v", "id", "type", "ts", "source", "trace", "mode", "payload"])
        #expect(object["v"] as? Int == 1)
        #expect(object["type"] as? String == "decision.approved")
        #expect(object["ts"] as? String == "2026-11-22T05:21:40.123456Z")
        #expect(object["source"] as? String == "risk-gate")
        #expect(object["trace"] as? String == "0123456789abcdef")
        #expect(object["mode"] as? String == "PAPER")
        #expect((object["id"] as? String)?.uppercased() == "00000000-0000-4000-8000-000000000001")
        let payload = try #require(object["payload"] as? [String: Any])
        #expect(payload["entryPaise"] as? Int == 2_473_405)
        #expect(payload["approved"] as? Bool == true)
        // Sorted keys: the text starts with "id" (alphabetically first) and has no escaped slashes.
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix(#"{"id":"#))
    }

    @Test("JSON round trip preserves every field")
    func roundTrip() throws {
        let data = try MessageCoding.makeEncoder().encode(Self.envelope)
        let decoded = try MessageCoding.makeDecoder().decode(Envelope<DecisionPayload>.self, from: data)
        #expect(decoded.v == Envelope<DecisionPayload>.currentVersion)
        #expect(decoded.id == Self.envelope.id)
        #expect(decoded.type == .decisionApproved)
        #expect(abs(decoded.ts.timeIntervalSince(Self.envelope.ts)) < 1e-6)
        #expect(decoded.source == "risk-gate")
        #expect(decoded.trace == "0123456789abcdef")
        #expect(decoded.mode == .paper)
        #expect(decoded.payload == Self.payload)
        // Re-encoding gives the same bytes.
        #expect(try MessageCoding.makeEncoder().encode(decoded) == data)
        // The header alone can be read first.
        let header = try MessageCoding.makeDecoder().decode(EnvelopeHeader.self, from: data)
        #expect(header.type == .decisionApproved && header.trace == "0123456789abcdef" && header.id == Self.envelope.id)
    }

    @Test("decoding an envelope with an unknown type fails")
    func unknownType() throws {
        let text = String(decoding: try MessageCoding.makeEncoder().encode(Self.envelope), as: UTF8.self)
            .replacingOccurrences(of: "\"decision.approved\"", with: "\"decision.maybe\"")
        #expect(text.contains("decision.maybe"))
        #expect(throws: DecodingError.self) {
            try MessageCoding.makeDecoder().decode(Envelope<DecisionPayload>.self, from: Data(text.utf8))
        }
        #expect(throws: DecodingError.self) {
            try MessageCoding.makeDecoder().decode(EnvelopeHeader.self, from: Data(text.utf8))
        }
    }

    @Test("decoding fails on an unknown mode, a bad timestamp, or a missing key")
    func otherMalformed() throws {
        let good = String(decoding: try MessageCoding.makeEncoder().encode(Self.envelope), as: UTF8.self)
        for bad in [
            good.replacingOccurrences(of: "\"PAPER\"", with: "\"SIMULATED\""),
            good.replacingOccurrences(of: "2026-11-22T05:21:40.123456Z", with: "yesterday"),
            good.replacingOccurrences(of: "\"trace\":", with: "\"tracer\":"),
        ] {
            #expect(throws: DecodingError.self) {
                try MessageCoding.makeDecoder().decode(Envelope<DecisionPayload>.self, from: Data(bad.utf8))
            }
        }
    }

    @Test("trace ids are 16 lowercase hex digits and fresh each time")
    func traceIds() {
        let ids = (0..<100).map { _ in TraceID.make() }
        #expect(ids.allSatisfy { $0.count == 16 && $0.allSatisfy { "0123456789abcdef".contains($0) } })
        #expect(Set(ids).count == 100)
    }

    @Test("every message type round-trips through its raw value")
    func messageTypes() throws {
        for type in MessageType.allCases {
            let data = try JSONEncoder().encode([type])
            #expect(try JSONDecoder().decode([MessageType].self, from: data) == [type])
        }
        #expect(MessageType(rawValue: "decision.approved") == .decisionApproved)
    }
}
