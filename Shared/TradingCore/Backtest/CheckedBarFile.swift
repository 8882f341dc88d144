/// One bar file's bytes, parsed and checked as every backtest reads them (CLI and API): each
/// row with its line through the byte scanner (a bad field throws naming its line), the order
/// of the whole file judged by `BarSeriesCheck`, and the bytes' SHA-256. Pure: the caller reads.
public struct CheckedBarFile: Sendable {
    public let symbol: String
    public let path: String
    public let bars: [Bar]
    public let check: BarSeriesCheck
    public let sha256: String

    public init(symbol: String, path: String, bytes: [UInt8], timeframeSeconds: Int? = nil) throws(BarCSVParser.ParseError) {
        let columns = try BarColumns.parse(bytes, symbol: symbol, requireIncreasing: false)
        self.symbol = symbol
        self.path = path
        self.bars = columns.bars(symbol: symbol)
        self.check = BarSeriesCheck(starts: columns.start, lines: columns.lines, timeframeSeconds: timeframeSeconds.map { Int64($0) })
        self.sha256 = SHA256.hex(bytes)
    }

    /// The bars of IST days `from` … `to` with their warm-up (`BarWindow`), and the file's
    /// `config.json` entry (bars run, gaps, warm-up).
    public func window(from: String?, to: String?, warmUpBars: Int) -> (run: [Bar], warmUp: [Bar], entry: BacktestRunConfig.DataFile) {
        let window = BarWindow.split(bars, from: from, to: to, warmUpBars: warmUpBars)
        var entry = BacktestRunConfig.DataFile(symbol: symbol, path: path, sha256: sha256, bars: window.run.count)
        entry.record(check)
        if !window.warmUp.isEmpty { entry.warmUpBars = window.warmUp.count }
        return (window.run, window.warmUp, entry)
    }
}
