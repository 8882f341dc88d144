import Foundation
import Yams

/// Reads a YAML configuration (the services' `aitrapp.yaml` layout) flattened to
/// `section.key` → text, lists joined by commas, as the services' `AppConfig` does.
enum ConfigFile {
    static func load(_ path: String) throws -> [String: String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var values: [String: String] = [:]
        func walk(_ value: Any?, prefix: String) {
            switch value {
            case let map as [String: Any]:
                for (key, child) in map { walk(child, prefix: prefix.isEmpty ? key : prefix + "." + key) }
            case let list as [Any]:
                values[prefix] = list.map { "\($0)" }.joined(separator: ",")
            case nil:
                values[prefix] = ""
            case let other?:
                values[prefix] = "\(other)"
            }
        }
        walk(try Yams.load(yaml: text), prefix: "")
        return values
    }
}
