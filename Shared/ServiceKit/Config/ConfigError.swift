/// A configuration problem; the description names the key (never its secret value).
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    private enum Code: Sendable {
        case unreadableFile
        case invalidYAML
        case invalidValue
    }

    private let code: Code
    private let detail: String

    private init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    static func unreadableFile(_ path: String) -> ConfigError { ConfigError(.unreadableFile, path) }
    static func invalidYAML(_ detail: String) -> ConfigError { ConfigError(.invalidYAML, detail) }
    public static func invalidValue(key: String, expected: String) -> ConfigError {
        ConfigError(.invalidValue, "\(key): expected \(expected)")
    }

    public var description: String {
        switch code {
        case .unreadableFile: return "cannot read config file \(detail)"
        case .invalidYAML: return "config file is not valid YAML: \(detail)"
        case .invalidValue: return "config \(detail)"
        }
    }
}
