import Foundation

/// The bars a run trades — IST days `from` … `to`, inclusive (nil = unbounded) — and the warm-up
/// before them: up to `warmUpBars` bars just before `from`, fed to the engine's indicators and
/// strategies but never traded, so a run starting mid-file begins with the history the services
/// would have had rather than cold indicators.
public enum BarWindow {
    public static func split(_ bars: [Bar], from: String?, to: String?, warmUpBars: Int) -> (warmUp: [Bar], run: [Bar]) {
        let first = from.flatMap(dayNumber) ?? .min, last = to.flatMap(dayNumber) ?? .max
        var before: [Bar] = [], run: [Bar] = []
        run.reserveCapacity(bars.count)
        for bar in bars {
            let day = NSESession.dayNumber(bar.start)
            if day < first {
                before.append(bar)
            } else if day <= last {
                run.append(bar)
            }
        }
        return (Array(before.suffix(max(0, warmUpBars))), run)
    }

    /// The IST day number (`NSESession.dayNumber`) of `yyyy-MM-dd`; nil for other text.
    static func dayNumber(_ text: String) -> Int64? {
        let parts = text.split(separator: "-").compactMap { Int64($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        return CivilCalendar.days(year: parts[0], month: parts[1], day: parts[2])
    }
}
