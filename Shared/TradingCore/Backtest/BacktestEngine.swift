import Foundation

/// Replays bars through the same core the services run, in one process and without Redis:
/// per bar the indicator snapshot marketdata publishes (`IndicatorSet`), the strategy-ranker's
/// `SignalPipeline` (regime, strategies, ranking; its top N go on), risk-gate's
/// `RiskGatePolicy.canEnter` (every gate, sizing after charges) on a `RiskLedger` rebuilt from
/// the backtest's own book, then the executor's `OcoGroup` and `PaperFillModel` for fills.
///
/// Order within a time step (all symbols' bars with one start time): first every bar's fills
/// and exits — pending entries fill (see `FillRule`; never on the signal's own bar), open
/// positions flatten at `flattenMinute`, then stop / target are checked on the bar's range,
/// the stop winning when a bar reaches both; then every bar's signals are generated at its
/// close and gated. Stops fill as SL-M market orders at the stop (or the open, if the bar
/// gapped through it) with slippage; targets fill at the target (a limit). A position still
/// open when its symbol's next bar is on a later day (data ended before `flattenMinute`) is
/// closed at the last close. Entries that would fill on a later day, at or after
/// `flattenMinute`, or beyond the stop / target after a gap are cancelled and counted.
///
/// Pure: the clock is the bars' close time, randomness (slippage jitter) comes from
/// `settings.seed`. The same bars and settings give the same result, bit for bit.
public struct BacktestEngine: Sendable {
    public let settings: BacktestSettings
    private var pipeline: SignalPipeline
    private let policy: RiskGatePolicy
    private let fills: PaperFillModel
    private var generator: SeededGenerator
    private var indicators: [String: IndicatorSet] = [:]
    private var lastBar: [String: Bar] = [:]
    private var positions: [String: BacktestPosition] = [:]
    private var trades: [BacktestTrade] = []
    private var equity: [EquityPoint] = []
    private var sessions: [String] = []
    private var barCount = 0
    private var signals = 0
    private var approved = 0
    private var approvalsByDay: [String: Int] = [:]
    private var rejections: [String: Int] = [:]
    private var cancelled: [String: Int] = [:]
    private var realised: Paise = .zero
    private var sessionRegimes: [String: [String: Int]] = [:]

    public init(settings: BacktestSettings) {
        self.settings = settings
        self.pipeline = SignalPipeline(settings: settings.pipeline)
        var limits = settings.limits
        if !settings.chargesEnabled { limits.charges = ChargeSchedule.free }
        self.policy = RiskGatePolicy(limits: limits)
        self.fills = PaperFillModel(slippageBps: settings.slippageBps, tickSize: settings.pipeline.tickSize)
        self.generator = SeededGenerator(seed: settings.seed)
    }

    /// Runs a whole data set: the series are merged by start time (as `ReplayPlan` does).
    public static func run(series: [[Bar]], settings: BacktestSettings) -> BacktestResult {
        var engine = BacktestEngine(settings: settings)
        for step in ReplayPlan(series: series, speed: 0).steps { engine.process(step) }
        return engine.finish()
    }

    private var timeframe: Double { Double(settings.pipeline.timeframeSeconds) }

    /// One time step: the bars of every symbol that start at the same instant.
    public mutating func process(_ step: [Bar]) {
        guard let first = step.first else { return }
        let day = IST.dayString(first.start)
        if sessions.last != day { sessions.append(day) }
        for bar in step { handleFillsAndExits(bar, day: day) }
        for bar in step { handleSignals(bar) }
        for bar in step { lastBar[bar.symbol] = bar }
        barCount += step.count
        let close = first.start.addingTimeInterval(timeframe)
        equity.append(EquityPoint(time: close, equity: currentEquity(), openPositions: positions.values.filter(\.filled).count))
    }

    /// Closes what is still open at its last close and returns the result.
    public mutating func finish() -> BacktestResult {
        for symbol in positions.keys.sorted() {
            guard let position = positions[symbol], let bar = lastBar[symbol] else { continue }
            if position.filled {
                close(symbol, price: fillPrice(side: position.signal.side.opposite, last: bar.close), at: bar.start, reason: .endOfDay)
            } else {
                positions[symbol] = nil
                cancelled["data_end", default: 0] += 1
            }
        }
        if var last = equity.popLast() {
            last.equity = currentEquity()
            last.openPositions = 0
            equity.append(last)
        }
        return BacktestResult(initialCapital: settings.limits.capital, trades: trades, equity: equity, sessions: sessions,
                              barCount: barCount, signals: signals, approved: approved, rejectionsByGate: rejections,
                              cancelledEntries: cancelled, sessionRegimes: sessionRegimes)
    }

    // MARK: fills and exits

    private mutating func handleFillsAndExits(_ bar: Bar, day: String) {
        let symbol = bar.symbol
        guard var position = positions[symbol] else { return }
        let minute = IST.minuteOfDay(bar.start)
        // A position from an earlier day: the data ended before the flatten time; close at the last close.
        if let previous = lastBar[symbol], IST.dayString(previous.start) != day {
            if position.filled {
                close(symbol, price: fillPrice(side: position.signal.side.opposite, last: previous.close), at: previous.start,
                      reason: .endOfDay)
            } else {
                positions[symbol] = nil
                cancelled["day_end", default: 0] += 1
            }
            return
        }
        var checkRange = true
        if !position.filled {
            guard minute < settings.flattenMinute else {
                positions[symbol] = nil
                cancelled["after_flatten_time", default: 0] += 1
                return
            }
            let reference = settings.fillRule == .nextOpen ? bar.open : bar.close
            let price = fillPrice(side: position.signal.side, last: reference)
            let beyond = position.signal.side == .buy
                ? price <= position.signal.stop || price >= position.signal.target
                : price >= position.signal.stop || price <= position.signal.target
            guard !beyond else {
                positions[symbol] = nil
                cancelled["gap_beyond_stop_or_target", default: 0] += 1
                return
            }
            _ = position.oco.handle(.entryFilled(quantity: position.quantity, price: price))
            position.entryPrice = price
            position.entryBarStart = bar.start
            checkRange = settings.fillRule == .nextOpen
        }
        position.barsHeld += 1
        positions[symbol] = position
        if minute >= settings.flattenMinute {
            close(symbol, price: fillPrice(side: position.signal.side.opposite, last: bar.open), at: bar.start, reason: .endOfDay)
            return
        }
        guard checkRange else { return }
        if position.oco.plan.target2 != nil {
            handleTargets2(&position, bar: bar)
            return
        }
        let side = position.signal.side
        let adverse = side == .buy ? bar.low : bar.high
        let favourable = side == .buy ? bar.high : bar.low
        let stop = position.signal.stop, target = position.signal.target
        if fills.triggeredLeg(positionSide: side, stop: stop, target: target, lastPrice: adverse) == .stop {
            // SL-M: triggers at the stop, or at the open when the bar gapped through it.
            let gapped = side == .buy ? bar.open < stop : bar.open > stop
            var trigger = gapped ? bar.open : stop
            // Stress (`stop_fill: bar_extreme`): the market gaps through the stop to the bar's worst price.
            if settings.stopFillsAtBarExtreme { trigger = side == .buy ? min(trigger, bar.low) : max(trigger, bar.high) }
            _ = position.oco.handle(.legFilled(.stop, quantity: position.quantity, price: trigger))
            close(symbol, price: fillPrice(side: side.opposite, last: trigger), at: bar.start, reason: .stop)
        } else if fills.triggeredLeg(positionSide: side, stop: stop, target: target, lastPrice: favourable) == .target {
            _ = position.oco.handle(.legFilled(.target, quantity: position.quantity, price: target))
            close(symbol, price: fills.fillPrice(of: .target, positionSide: side, target: target, lastPrice: favourable),
                  at: bar.start, reason: .target)
        }
    }

    /// Stop, TP1 and TP2 on the bar's range through the position's `OcoGroup` (TP2 on): the stop
    /// (at its current trigger: the entry after TP1) wins when the bar reaches it; otherwise TP1 and
    /// then TP2 fill at their prices when the bar reaches them. The stop moved by TP1 is checked
    /// from the next bar (within one bar the order of the moves is unknown).
    private mutating func handleTargets2(_ position: inout BacktestPosition, bar: Bar) {
        let symbol = bar.symbol
        let side = position.signal.side
        let adverse = side == .buy ? bar.low : bar.high
        let favourable = side == .buy ? bar.high : bar.low
        let stop = position.oco.stopTrigger
        let stopHit = side == .buy ? adverse <= stop : adverse >= stop
        if stopHit {
            let gapped = side == .buy ? bar.open < stop : bar.open > stop
            var trigger = gapped ? bar.open : stop
            if settings.stopFillsAtBarExtreme { trigger = side == .buy ? min(trigger, bar.low) : max(trigger, bar.high) }
            let reason = position.oco.stopReason
            _ = position.oco.handle(.legFilled(.stop, quantity: position.openQuantity, price: trigger))
            positions[symbol] = position
            close(symbol, price: fillPrice(side: side.opposite, last: trigger), at: bar.start, reason: reason)
            return
        }
        for (leg, level) in [(OcoLeg.target, position.oco.plan.target1), (.target2, position.oco.plan.target2 ?? position.oco.plan.target1)] {
            guard let quantity = position.oco.working[leg], quantity > 0 else { continue }
            let reached = side == .buy ? favourable >= level : favourable <= level
            guard reached else { break }
            _ = position.oco.handle(.legFilled(leg, quantity: quantity, price: level))
            if position.oco.openQuantity == 0 || quantity >= position.openQuantity {
                positions[symbol] = position
                close(symbol, price: level, at: bar.start, reason: leg == .target ? .target : .target2)
                return
            }
            position.partialExits.append((quantity, level))
        }
        positions[symbol] = position
    }

    /// A market fill on `side` at `last`, moved against the trader by the slippage (plus jitter).
    private mutating func fillPrice(side: Side, last: Paise) -> Paise {
        guard settings.slippageJitterBps > 0 else { return fills.marketFillPrice(side: side, lastPrice: last) }
        let extra = Double.random(in: 0...settings.slippageJitterBps, using: &generator)
        var model = fills
        model.slippageBps += extra
        return model.marketFillPrice(side: side, lastPrice: last)
    }

    private mutating func close(_ symbol: String, price: Paise, at barStart: Date, reason: ExitReason) {
        guard let position = positions.removeValue(forKey: symbol), let entryPrice = position.entryPrice,
              let entryBarStart = position.entryBarStart else { return }
        let side = position.signal.side
        // With partial exits (TP1 before TP2) the trade's exit is their average, charged as one round trip.
        var exitNotional = Int64(position.openQuantity) * price.value
        for exit in position.partialExits { exitNotional += Int64(exit.quantity) * exit.price.value }
        let exitPrice = position.partialExits.isEmpty ? price : Paise(exitNotional / Int64(max(position.quantity, 1)))
        let fees = policy.limits.charges.roundTrip(.future, entrySide: side, entry: entryPrice, exit: exitPrice,
                                                   quantity: position.quantity).total
        var result = TradeResult.roundTrip(side: side, quantity: position.quantity, entry: entryPrice, exit: price, fees: fees)
        if !position.partialExits.isEmpty {
            // Gross from every fill, not from the rounded average.
            let gross = Paise((exitNotional - Int64(position.quantity) * entryPrice.value) * side.sign)
            result = TradeResult.roundTrip(side: side, quantity: position.quantity, entry: entryPrice, exit: exitPrice, fees: fees)
            result.grossPnl = gross
        }
        realised += result.netPnl
        trades.append(BacktestTrade(
            id: trades.count + 1, strategy: position.signal.strategy, symbol: symbol, side: side,
            regime: position.signal.regime ?? "", signalBarStart: position.signal.barStart, entryBarStart: entryBarStart,
            entryPrice: entryPrice, exitBarStart: barStart, exitPrice: exitPrice, quantity: position.quantity,
            lots: position.decision.lots, stop: position.signal.stop, target: position.signal.target,
            grossPnl: result.grossPnl, fees: fees, riskAmount: position.decision.riskAmount, exitReason: reason,
            barsHeld: max(position.barsHeld, 1)))
    }

    // MARK: signals

    private mutating func handleSignals(_ bar: Bar) {
        var set = indicators[bar.symbol] ?? IndicatorSet(emaFast: settings.emaFast, emaSlow: settings.emaSlow,
                                                         atr: settings.atrPeriod, suite: IndicatorPeriods())
        let snapshot = set.update(with: bar)
        indicators[bar.symbol] = set
        let now = bar.start.addingTimeInterval(timeframe)
        let open = Set(positions.keys)
        let output = pipeline.onBar(bar, indicators: snapshot, now: now, openSymbols: open)
        if output.accepted { sessionRegimes[IST.dayString(bar.start), default: [:]][output.regime.regime.rawValue, default: 0] += 1 }
        for ranked in output.ranked where ranked.explanation.passed {
            let signal = ranked.signal
            guard !signal.isOptions, signal.symbol == bar.symbol else { continue }
            signals += 1
            guard positions[signal.symbol] == nil else {
                rejections["symbol_busy", default: 0] += 1
                continue
            }
            guard settings.allowShort || signal.side == .buy else {
                rejections["short_disabled", default: 0] += 1
                continue
            }
            let decision = policy.canEnter(signal, instrument: settings.instrument(signal.symbol), quote: nil,
                                           state: riskState(now: now), now: now)
            guard decision.approved else {
                rejections[decision.rejections.first?.gate ?? "unknown", default: 0] += 1
                continue
            }
            approved += 1
            approvalsByDay[IST.dayString(now), default: 0] += 1
            positions[signal.symbol] = BacktestPosition(signal: signal, decision: decision, lotSize: settings.lotSize(of: signal.symbol),
                                                        target2: settings.useTarget2, target1Fraction: settings.target1Fraction)
        }
    }

    /// The risk state risk-gate would read: the book, the day's and week's closed trades.
    func riskState(now: Date) -> RiskState {
        let today = IST.dayString(now)
        let week = Self.weekNumber(now)
        var ledger = RiskLedger()
        for symbol in positions.keys.sorted() {
            guard let position = positions[symbol] else { continue }
            let exposure = position.exposure(lastPrice: lastBar[symbol]?.close)
            if position.filled { ledger.open.append(exposure) } else { ledger.inFlight.append(exposure) }
        }
        for trade in trades {
            let exitClose = trade.exitBarStart.addingTimeInterval(timeframe)
            if IST.dayString(exitClose) == today {
                ledger.realisedToday += trade.netPnl
                ledger.rToday += trade.rMultiple
            } else {
                ledger.realisedBeforeToday += trade.netPnl
            }
            if Self.weekNumber(exitClose) == week { ledger.rWeek += trade.rMultiple }
        }
        ledger.tradesToday = approvalsByDay[today] ?? 0
        var base = RiskState(mode: .paper, paused: false, halted: false, openPositions: 0, readable: true, readAt: now)
        base.leader = true
        return ledger.state(base, limits: policy.limits)
    }

    /// Monday-based IST week index (1970-01-05, a Monday, starts week 1).
    static func weekNumber(_ date: Date) -> Int {
        let day = Int(((date.timeIntervalSince1970 + Double(IST.offsetSeconds)) / 86_400).rounded(.down))
        return (day + 3).quotientFloor(7)
    }

    private func currentEquity() -> Paise {
        var total = settings.limits.capital + realised
        for (symbol, position) in positions where position.filled {
            if let close = lastBar[symbol]?.close { total += position.unrealised(at: close) }
        }
        return total
    }
}

private extension Int {
    func quotientFloor(_ divisor: Int) -> Int {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
