import Foundation
import TradingCore

/// Reads and checks bar CSV files for `backtest`, `validate` and `import-bars`: every row parsed
/// (a bad field stops at its line), then the order of the whole file checked by `BarSeriesCheck`.
/// Duplicated or unsorted rows refuse the run, every one listed (the first `listLimit` printed,
/// then a count) under its file's path; gaps are allowed, summed up on standard error and
/// recorded with the file.
enum BarFileLoader {
    static let listLimit = 20
    static let gapLimit = 5

    /// `PATH` (symbol NIFTY) or `SYMBOL=PATH` entries, each read and checked; exits 1 naming every
    /// refused row of every file when any file has duplicated or unsorted rows.
    static func load(_ entries: [String], timeframeSeconds: Int? = nil) -> [CheckedBarFile] {
        var loaded: [CheckedBarFile] = []
        for entry in entries {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            let (symbol, path) = parts.count == 2 ? (parts[0], parts[1]) : ("NIFTY", parts[0])
            guard let data = FileManager.default.contents(atPath: path) else { CommandOutput.fail("\(path): cannot read") }
            do {
                loaded.append(try CheckedBarFile(symbol: symbol, path: path, bytes: [UInt8](data), timeframeSeconds: timeframeSeconds))
            } catch {
                CommandOutput.fail("\(path):\(error.line): \(error.reason)")
            }
        }
        let refused = loaded.filter { !$0.check.isAccepted }
        if !refused.isEmpty {
            var message = ""
            for file in refused { message += file.check.refusalLines(name: file.path, limit: listLimit).joined(separator: "\n") + "\n" }
            CommandOutput.fail(message + "bar files must be sorted by time with one row per bar; nothing was run")
        }
        for file in loaded { warnGaps(file.check, name: file.path) }
        return loaded
    }

    /// One warning line per source with gaps (allowed), with the first few.
    static func warnGaps(_ check: BarSeriesCheck, name: String, unit: String = "line") {
        guard !check.gaps.isEmpty else { return }
        let first = check.gaps.prefix(gapLimit).map { "\(unit) \($0.line): \($0.detail)" }.joined(separator: "; ")
        let more = check.gaps.count > gapLimit ? "; … \(check.gaps.count - gapLimit) more" : ""
        FileHandle.standardError.write(Data(("warning: \(name): \(check.gaps.count) gap(s) inside the session, \(check.missingBars) bar(s) "
            + "missing (\(check.timeframeSeconds) s bars; allowed): \(first)\(more)\n").utf8))
    }
}
