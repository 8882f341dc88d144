import Foundation

/// The effective configuration of a run as written to `config.json`: every resolved setting as
/// sorted `key=value` text, its SHA-256 (`config_sha`), and the data files with their hashes.
public struct BacktestRunConfig: Hashable, Sendable, Codable {
    public struct DataFile: Hashable, Sendable, Codable {
        public var symbol: String
        public var path: String
        public var sha256: String
        public var bars: Int

        public init(symbol: String, path: String, sha256: String, bars: Int) {
            self.symbol = symbol
            self.path = path
            self.sha256 = sha256
            self.bars = bars
        }
    }

    public var configSha: String
    public var values: [String: String]
    public var data: [DataFile]
    /// IST days `yyyy-MM-dd`, inclusive; nil = unbounded.
    public var from: String?
    public var to: String?

    public init(values: [String: String], data: [DataFile], from: String?, to: String?) {
        self.values = values
        self.configSha = SHA256.hex(BacktestSettings.canonicalText(values))
        self.data = data
        self.from = from
        self.to = to
    }

    enum CodingKeys: String, CodingKey {
        case configSha = "config_sha", values, data, from, to
    }
}
