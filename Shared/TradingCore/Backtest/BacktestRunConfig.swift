import Foundation

/// The effective configuration of a run as written to `config.json`: every resolved setting as
/// sorted `key=value` text, its SHA-256 (`config_sha`), and the data files with their hashes.
public struct BacktestRunConfig: Hashable, Sendable, Codable {
    public struct DataFile: Hashable, Sendable, Codable {
        public var symbol: String
        /// The CSV file, or the table (`bars`) when `source` is `postgres`.
        public var path: String
        /// SHA-256 of the file's bytes, or of the rows read from Postgres (`BarRowsDigest`).
        public var sha256: String
        public var bars: Int
        /// `postgres` for bars read from the `bars` table; nil for a CSV file.
        public var source: String?
        /// The bar length read from the table (Postgres only).
        public var timeframeSeconds: Int?
        /// Gaps inside the session (allowed), the bars they miss, and the first few described.
        public var gaps: Int?
        public var missingBars: Int?
        public var firstGaps: [String]?
        /// Bars before `from` fed to the indicators and strategies, never traded (`BarWindow`).
        public var warmUpBars: Int?

        public init(symbol: String, path: String, sha256: String, bars: Int, source: String? = nil, timeframeSeconds: Int? = nil,
                    gaps: Int? = nil, missingBars: Int? = nil, firstGaps: [String]? = nil) {
            self.symbol = symbol
            self.path = path
            self.sha256 = sha256
            self.bars = bars
            self.source = source
            self.timeframeSeconds = timeframeSeconds
            self.gaps = gaps
            self.missingBars = missingBars
            self.firstGaps = firstGaps
        }

        /// Records a check's gaps (the first `limit` described; `unit` names what the numbers count:
        /// a file's `line`, a table's `row`).
        public mutating func record(_ check: BarSeriesCheck, limit: Int = 5, unit: String = "line") {
            gaps = check.gaps.count
            missingBars = check.missingBars
            firstGaps = check.gaps.prefix(limit).map { "\(unit) \($0.line): \($0.detail)" }
        }

        enum CodingKeys: String, CodingKey {
            case symbol, path, sha256, bars, source, timeframeSeconds = "timeframe_seconds", gaps, missingBars = "missing_bars",
                 firstGaps = "first_gaps", warmUpBars = "warm_up_bars"
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
