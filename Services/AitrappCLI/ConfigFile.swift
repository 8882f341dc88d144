import Foundation
import TradingCore
import Yams

/// Reads a YAML configuration (the services' `aitrapp.yaml` layout) flattened to
/// `section.key` → text, lists joined by commas, as the services' `AppConfig` does.
enum ConfigFile {
    static func load(_ path: String) throws -> [String: String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return ConfigFlattener.flatten(try Yams.load(yaml: text))
    }
}
