import Foundation
import Hummingbird

/// A command's JSON body, checked strictly: at most `limit` bytes (413 beyond), empty or a
/// JSON object, no field outside `fields`, each field of its declared type (400 otherwise,
/// naming the field). Field values are not echoed: one could be a pasted secret.
struct RequestBody {
    enum FieldType: String {
        case string
    }

    static let limit = 16 * 1024

    let values: [String: Any]

    static func read(_ request: Request, fields: [String: FieldType] = [:]) async throws(APIError) -> RequestBody {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw APIError(code: .payloadTooLarge, message: "body larger than \(limit / 1024) KiB")
        }
        let data = Data(buffer: buffer)
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return RequestBody(values: [:]) }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw APIError(code: .badRequest, message: "body must be a JSON object")
        }
        for key in object.keys.sorted() {
            guard let type = fields[key] else {
                let known = fields.keys.sorted().joined(separator: ", ")
                throw APIError(code: .badRequest, message: "unknown field \"\(key.prefix(40))\"" + (known.isEmpty ? ": this command takes no body" : " (known: \(known))"))
            }
            switch type {
            case .string where !(object[key] is String):
                throw APIError(code: .badRequest, message: "field \"\(key)\" must be a string")
            default:
                continue
            }
        }
        return RequestBody(values: object)
    }

    func string(_ key: String) -> String? { values[key] as? String }
}
