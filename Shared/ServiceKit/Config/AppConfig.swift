import Foundation
import TradingCore
import Yams

/// Configuration from one YAML file (sections per service) with environment overrides:
/// the key `marketdata.sim_bar_ms` is overridden by `AITRAPP_MARKETDATA_SIM_BAR_MS`.
/// The file is `$AITRAPP_CONFIG`, else `deploy/config/aitrapp.yaml` under the working
/// directory; a missing default file means built-in defaults only.
public struct AppConfig: Sendable {
    /// Flattened `section.key` → value as text (lists joined by commas).
    public private(set) var values: [String: String]

    public init(values: [String: String]) {
        self.values = values
    }

    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        let explicit = environment["AITRAPP_CONFIG"]
        let path = explicit ?? "deploy/config/aitrapp.yaml"
        var values: [String: String] = [:]
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            values = try flatten(yaml: text)
        } else if explicit != nil {
            throw ConfigError.unreadableFile(path)
        }
        var config = AppConfig(values: values)
        config.applyOverrides(environment)
        return config
    }

    static func flatten(yaml: String) throws -> [String: String] {
        let node: Any?
        do {
            node = try Yams.load(yaml: yaml)
        } catch {
            throw ConfigError.invalidYAML("\(error)")
        }
        return ConfigFlattener.flatten(node)
    }

    mutating func applyOverrides(_ environment: [String: String]) {
        for (name, value) in environment where name.hasPrefix("AITRAPP_") && name != "AITRAPP_CONFIG" {
            let envKey = String(name.dropFirst("AITRAPP_".count)).lowercased()
            // Match an existing key whose env spelling is the same, else split at the first underscore.
            if let key = values.keys.first(where: { $0.replacingOccurrences(of: ".", with: "_") == envKey }) {
                values[key] = value
            } else if let known = Self.knownSections.first(where: { envKey.hasPrefix($0 + "_") }) {
                values[known + "." + envKey.dropFirst(known.count + 1)] = value
            }
        }
    }

    static let knownSections = ["strategy_ranker", "risk_gate", "scheduler_worker", "control_api", "marketdata",
                                "executor", "redis", "postgres", "log", "metrics"]

    public func string(_ key: String, default fallback: String) -> String {
        guard let value = values[key], !value.isEmpty else { return fallback }
        return value
    }

    public func int(_ key: String, default fallback: Int) throws -> Int {
        guard let text = values[key], !text.isEmpty else { return fallback }
        guard let value = Int(text) else { throw ConfigError.invalidValue(key: key, expected: "an integer") }
        return value
    }

    public func double(_ key: String, default fallback: Double) throws -> Double {
        guard let text = values[key], !text.isEmpty else { return fallback }
        guard let value = Double(text), value.isFinite else { throw ConfigError.invalidValue(key: key, expected: "a number") }
        return value
    }

    public func paise(_ key: String, default fallback: Paise) throws -> Paise {
        guard let text = values[key], !text.isEmpty else { return fallback }
        guard let value = Paise(rupeeString: text) else { throw ConfigError.invalidValue(key: key, expected: "a rupee amount like 1000.50") }
        return value
    }

    public func list(_ key: String, default fallback: [String]) -> [String] {
        guard let text = values[key], !text.isEmpty else { return fallback }
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Keys under `prefix.` with the prefix removed.
    public func section(_ prefix: String) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in values where key.hasPrefix(prefix + ".") {
            result[String(key.dropFirst(prefix.count + 1))] = value
        }
        return result
    }

    /// SHA-256 of the effective configuration of `sections` (sorted `key=value` lines);
    /// recorded with every decision so it can be traced to the exact settings.
    public func sha(sections: [String]) -> String {
        SHA256.hex(canonicalText(sections: sections))
    }

    public func canonicalText(sections: [String]) -> String {
        values.filter { key, _ in sections.contains { key.hasPrefix($0 + ".") } }
            .sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value)" }
            .joined(separator: "\n")
    }
}
