import Foundation

/// The bars a run trades — IST days `from` … `to`, inclusive (nil = unbounded) — and the warm-up
/// before them: up to `warmUpBars` bars just before `from`, fed to the engine's indicators and
/// strategies but never traded, so a run starting mid-file begins with the history the services
/// would have had rather than cold indicators.
public enum BarWindow {
    public static func split(_ bars: [Bar], from: String?, to: String?, warmUpBars: Int) -> (warmUp: [Bar], run: [Bar]) {
        var before: [Bar] = [], run: [Bar] = []
        for bar in bars {
            let day = IST.dayString(bar.start)
            if let from, day < from {
                before.append(bar)
            } else if to.map({ day <= $0 }) ?? true {
                run.append(bar)
            }
        }
        return (Array(before.suffix(max(0, warmUpBars))), run)
    }
}
