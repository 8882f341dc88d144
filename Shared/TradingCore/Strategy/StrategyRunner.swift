import Foundation

/// Runs every enabled strategy on one bar's context, in a fixed order: nothing outside the
/// session (weekday, 09:15–15:30 IST) or from a bar that has not closed by `context.now`;
/// a strategy only in its regimes and after its cooldown. A strategy that throws or returns
/// an incoherent signal is isolated and reported; the others run. Deterministic.
public struct StrategyRunner: Sendable {
    public private(set) var slots: [StrategySlot]
    /// "strategy|symbol" → bar start of its last signal.
    private var lastSignal: [String: Date] = [:]

    public init(slots: [StrategySlot]) {
        self.slots = slots
    }

    /// New strategies and parameters; cooldowns already running are kept.
    public mutating func replace(slots: [StrategySlot]) {
        self.slots = slots
    }

    public func slot(named name: String) -> StrategySlot? { slots.first { $0.name == name } }

    public mutating func run(_ context: StrategyContext) -> StrategyRun {
        var run = StrategyRun()
        let bar = context.bar
        let end = bar.start.addingTimeInterval(Double(context.timeframeSeconds))
        let outside = !IST.isWeekday(bar.start) || !NSESession.isInSession(bar.start) || !NSESession.isInSession(end)
            || NSESession.secondsSinceOpen(bar.start) >= NSESession.lengthSeconds
        for slot in slots {
            if outside { run.skipped[slot.name] = "outside market hours"; continue }
            if end > context.now { run.skipped[slot.name] = "bar still forming"; continue }
            if !slot.regimes.contains(context.regime.regime) {
                run.skipped[slot.name] = "regime \(context.regime.regime.rawValue) not traded"
                continue
            }
            let key = slot.name + "|" + bar.symbol
            if let last = lastSignal[key], bar.start < last.addingTimeInterval(Double(slot.cooldownMinutes * 60)) {
                run.skipped[slot.name] = "cooldown"
                continue
            }
            do {
                guard var signal = try slot.strategy.evaluate(context) else { continue }
                guard SignalLevels.isCoherent(side: signal.side, entry: signal.entry, stop: signal.stop, target: signal.target,
                                              target2: signal.target2), signal.symbol == bar.symbol else {
                    throw IncoherentSignal(signal: signal)
                }
                signal.regime = context.regime.regime.rawValue
                signal.confidence = min(1, max(0, signal.confidence))
                lastSignal[key] = bar.start
                run.signals.append(signal)
            } catch {
                run.failures.append(StrategyFailure(strategy: slot.name, symbol: bar.symbol, error: "\(error)"))
            }
        }
        return run
    }
}

/// A strategy returned levels on the wrong side of its entry (or for another symbol).
struct IncoherentSignal: Error, CustomStringConvertible {
    let signal: TradeSignal
    var description: String {
        "incoherent \(signal.side.rawValue) signal: entry \(signal.entry.rupeeString), stop \(signal.stop.rupeeString), "
            + "TP1 \(signal.target.rupeeString), symbol \(signal.symbol)"
    }
}
