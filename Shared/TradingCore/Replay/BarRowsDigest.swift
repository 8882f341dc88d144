import Foundation

/// SHA-256 over bars read from a table, so two runs on the same rows can be told apart from
/// runs on changed rows: one `symbol,timeframe_seconds,start_unix,open,high,low,close,volume`
/// line per bar (prices in paise), in the order given.
public enum BarRowsDigest {
    public static func sha256(_ bars: [Bar], timeframeSeconds: Int) -> String {
        var text = ""
        text.reserveCapacity(bars.count * 64)
        for bar in bars {
            text += "\(bar.symbol),\(timeframeSeconds),\(Int64(bar.start.timeIntervalSince1970.rounded(.down))),\(bar.open.value),"
                + "\(bar.high.value),\(bar.low.value),\(bar.close.value),\(bar.volume)\n"
        }
        return SHA256.hex(Array(text.utf8))
    }
}
