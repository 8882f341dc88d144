import Foundation

/// The periods (and band multipliers) of the indicators in an `IndicatorTable`. The defaults
/// are the ones the `aitrapp indicators` columns are documented with.
public struct IndicatorPeriods: Sendable, Hashable {
    public var ema: Int
    public var rsi: Int
    public var atr: Int
    public var adx: Int
    public var bollinger: Int
    public var bollingerK: Double
    public var donchian: Int
    public var supertrend: Int
    public var supertrendK: Double

    public init(ema: Int = 20, rsi: Int = 14, atr: Int = 14, adx: Int = 14, bollinger: Int = 20,
                bollingerK: Double = 2, donchian: Int = 20, supertrend: Int = 10, supertrendK: Double = 3) {
        self.ema = ema
        self.rsi = rsi
        self.atr = atr
        self.adx = adx
        self.bollinger = bollinger
        self.bollingerK = bollingerK
        self.donchian = donchian
        self.supertrend = supertrend
        self.supertrendK = supertrendK
    }

    /// What is wrong with these settings (a period that is not positive, a multiplier that is
    /// negative or not finite), or nil when every indicator can be built from them.
    public var problem: String? {
        let periods = [("ema", ema), ("rsi", rsi), ("atr", atr), ("adx", adx), ("bb", bollinger),
                       ("donchian", donchian), ("supertrend", supertrend)]
        for (name, period) in periods where period <= 0 {
            return "\(name) period must be positive, got \(period)"
        }
        for (name, k) in [("bb-k", bollingerK), ("supertrend-k", supertrendK)] where !(k.isFinite && k >= 0) {
            return "\(name) must be a finite non-negative number, got \(k)"
        }
        return nil
    }
}

/// One bar's worth of every indicator, as CSV columns: `timestamp` then `ema_N, rsi_N, atr_N,
/// adx_N, plus_di_N, minus_di_N, bb_mid_N, bb_upper_N_K, bb_lower_N_K, donchian_high_N,
/// donchian_low_N, obv, vwap, supertrend_N_K, supertrend_dir_N_K`, the names following the
/// periods. Each indicator is the incremental struct of the same name, fed the bars in order;
/// a cell is empty while its indicator is warming up.
///
/// Formatting: the timestamp is the bar's start in IST as ISO-8601 with the `+05:30` offset
/// (milliseconds only when the start has a fraction of a second); prices and oscillators have
/// 4 decimals; OBV (a sum of whole volumes) and the Supertrend direction (+1 / −1) have none.
public enum IndicatorTable {
    /// The column names, `timestamp` first.
    public static func header(for periods: IndicatorPeriods) -> [String] {
        let bb = "\(periods.bollinger)_\(multiplierName(periods.bollingerK))"
        let st = "\(periods.supertrend)_\(multiplierName(periods.supertrendK))"
        return [
            "timestamp",
            "ema_\(periods.ema)", "rsi_\(periods.rsi)", "atr_\(periods.atr)",
            "adx_\(periods.adx)", "plus_di_\(periods.adx)", "minus_di_\(periods.adx)",
            "bb_mid_\(periods.bollinger)", "bb_upper_\(bb)", "bb_lower_\(bb)",
            "donchian_high_\(periods.donchian)", "donchian_low_\(periods.donchian)",
            "obv", "vwap",
            "supertrend_\(st)", "supertrend_dir_\(st)",
        ]
    }

    /// Decimals of each value column (the header without `timestamp`).
    static let decimals = [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 0, 4, 4, 0]

    /// The indicator values after each bar, one array per bar in the order of the header's
    /// value columns (`header(for:)` without `timestamp`); nil during warm-up.
    /// Precondition: `periods.problem == nil`.
    public static func values(for bars: [Bar], periods: IndicatorPeriods) -> [[Double?]] {
        var suite = IndicatorSuite(periods: periods)
        return bars.map { suite.update(with: $0) }
    }

    /// The rows as CSV cells, without the header: the timestamp then the formatted values.
    /// Precondition: `periods.problem == nil`.
    public static func rows(for bars: [Bar], periods: IndicatorPeriods) -> [[String]] {
        zip(bars, values(for: bars, periods: periods)).map { bar, values in
            [istTimestamp(bar.start)] + zip(values, decimals).map { value, places in
                value.map { format($0, decimals: places) } ?? ""
            }
        }
    }

    /// The whole table as CSV text (header first, `\n` line ends, a final newline).
    /// Precondition: `periods.problem == nil`.
    public static func csv(for bars: [Bar], periods: IndicatorPeriods) -> String {
        var text = header(for: periods).joined(separator: ",") + "\n"
        for row in rows(for: bars, periods: periods) {
            text += row.joined(separator: ",")
            text += "\n"
        }
        return text
    }

    /// `2` for 2.0, `2.5` for 2.5: the multiplier as it appears in a column name.
    static func multiplierName(_ k: Double) -> String {
        if k == k.rounded(), abs(k) < 1e15 { return String(Int64(k)) }
        return "\(k)"
    }

    /// Fixed decimals, never `-0.0000` (a value that rounds to zero is written as zero).
    static func format(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }

    /// `yyyy-MM-ddTHH:mm:ss+05:30` (with `.SSS` when the instant has a fraction of a second),
    /// computed arithmetically: IST has no daylight saving.
    public static func istTimestamp(_ date: Date) -> String {
        IST.isoString(date, fractions: true)
    }
}
