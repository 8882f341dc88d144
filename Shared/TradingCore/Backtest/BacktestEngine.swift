import Foundation

/// Replays bars through the same core the services run, in one process and without Redis:
/// per bar the indicator snapshot marketdata publishes (`IndicatorSet`), the strategy-ranker's
/// `SignalPipeline` (regime, strategies, ranking; its top N go on), risk-gate's
/// `RiskGatePolicy.canEnter` (every gate, sizing after charges) on a `RiskLedger` kept from
/// the backtest's own book, then the executor's `OcoGroup`, `ExitTracker` and market-fill
/// slippage (`PaperFillModel`).
///
/// Order within a time step (all symbols' bars with one start time): first every bar's fills
/// and exits — pending entries fill (see `FillRule`; never on the signal's own bar), open
/// positions flatten at `flattenMinute`, then the exits (`BacktestEngine+Exits`); then every
/// bar's signals are generated at its close and gated. A position still open when its
/// symbol's next bar is on a later day (data ended before `flattenMinute`) is closed at the
/// last close. Entries that would fill on a later day, at or after `flattenMinute`, or beyond
/// the stop / target after a gap are cancelled and counted.
///
/// Pure: the clock is the bars' close time, randomness (slippage jitter) comes from
/// `settings.seed`. The same bars and settings give the same result, bit for bit.
public struct BacktestEngine: Sendable {
    public let settings: BacktestSettings
    private var pipeline: SignalPipeline
    let policy: RiskGatePolicy
    let fills: PaperFillModel
    private var generator: SeededGenerator
    private var indicators: [String: IndicatorSet] = [:]
    /// Per symbol, the ATR of its last closed bar (what the executor's exit rules read).
    var lastAtr: [String: Double] = [:]
    var lastBar: [String: Bar] = [:]
    var positions: [String: BacktestPosition] = [:]
    private var trades: [BacktestTrade] = []
    private var equity: [EquityPoint] = []
    private var sessions: [String] = []
    private var currentDay: Int64?
    private var barCount = 0
    private var signals = 0
    private var approved = 0
    var cancelled: [String: Int] = [:]
    private var rejections: [String: Int] = [:]
    private var sessionRegimes: [Int64: [String: Int]] = [:]
    /// The risk ledger's running sums, by IST day number and by week (see `riskState`).
    private var approvalsByDay: [Int64: Int] = [:]
    private var realised: Paise = .zero
    private var realisedByDay: [Int64: Paise] = [:]
    private var rByDay: [Int64: Double] = [:]
    private var rByWeek: [Int: Double] = [:]
    private let atrName: String

    public init(settings: BacktestSettings) {
        self.settings = settings
        self.pipeline = SignalPipeline(settings: settings.pipeline)
        var limits = settings.limits
        if !settings.chargesEnabled { limits.charges = ChargeSchedule.free }
        self.policy = RiskGatePolicy(limits: limits)
        self.fills = PaperFillModel(slippageBps: settings.slippageBps, tickSize: settings.pipeline.tickSize)
        self.generator = SeededGenerator(seed: settings.seed)
        self.atrName = "atr_\(settings.atrPeriod)"
    }

    /// Runs a whole data set: the series are merged by start time (as `ReplayPlan` does). `warmUp`
    /// holds bars before the first day traded (see `warmUp(_:)`).
    public static func run(series: [[Bar]], warmUp: [[Bar]] = [], settings: BacktestSettings) -> BacktestResult {
        var engine = BacktestEngine(settings: settings)
        for step in ReplayPlan(series: warmUp, speed: 0).steps { engine.warmUp(step) }
        for step in ReplayPlan(series: series, speed: 0).steps { engine.process(step) }
        return engine.finish()
    }

    /// A time step before the run's first day (`BarWindow`'s warm-up): indicators, history, regime
    /// and the strategies' cooldowns move on as they would have in the services, which had seen
    /// these bars; nothing is traded, counted or marked.
    public mutating func warmUp(_ step: [Bar]) {
        for bar in step { _ = analyse(bar) }
    }

    var timeframe: Double { Double(settings.pipeline.timeframeSeconds) }

    /// One time step: the bars of every symbol that start at the same instant.
    public mutating func process(_ step: [Bar]) {
        guard let first = step.first else { return }
        let day = NSESession.dayNumber(first.start)
        if currentDay != day {
            currentDay = day
            sessions.append(IST.dayString(first.start))
        }
        for bar in step { handleFillsAndExits(bar, day: day) }
        for bar in step { handleSignals(bar, day: day) }
        for bar in step { lastBar[bar.symbol] = bar }
        barCount += step.count
        let close = first.start.addingTimeInterval(timeframe)
        var open = 0
        for position in positions.values where position.filled { open += 1 }
        equity.append(EquityPoint(time: close, equity: currentEquity(), openPositions: open))
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
        var regimes: [String: [String: Int]] = [:]
        for (day, counts) in sessionRegimes { regimes[IST.dayString(Self.date(ofDay: day))] = counts }
        return BacktestResult(initialCapital: settings.limits.capital, trades: trades, equity: equity, sessions: sessions,
                              barCount: barCount, signals: signals, approved: approved, rejectionsByGate: rejections,
                              cancelledEntries: cancelled, sessionRegimes: regimes)
    }

    /// Noon IST of an IST day number.
    private static func date(ofDay day: Int64) -> Date {
        Date(timeIntervalSince1970: Double(day * 86_400 - Int64(IST.offsetSeconds) + 12 * 3600))
    }

    /// A market fill on `side` at `last`, moved against the trader by the slippage (plus jitter).
    mutating func fillPrice(side: Side, last: Paise) -> Paise {
        guard settings.slippageJitterBps > 0 else { return fills.marketFillPrice(side: side, lastPrice: last) }
        let extra = Double.random(in: 0...settings.slippageJitterBps, using: &generator)
        var model = fills
        model.slippageBps += extra
        return model.marketFillPrice(side: side, lastPrice: last)
    }

    mutating func close(_ symbol: String, price: Paise, at barStart: Date, reason: ExitReason) {
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
            lots: position.decision.lots, stop: position.oco.plan.stop, target: position.oco.plan.target1,
            grossPnl: result.grossPnl, fees: fees, riskAmount: position.decision.riskAmount, exitReason: reason,
            barsHeld: max(position.barsHeld, 1)))
        // The ledger's sums, by the day and week of the exit bar's close (in trade order, as a full recount would add them).
        let trade = trades[trades.count - 1], exitClose = barStart.addingTimeInterval(timeframe)
        let exitDay = NSESession.dayNumber(exitClose)
        realisedByDay[exitDay, default: .zero] += trade.netPnl
        rByDay[exitDay, default: 0] += trade.rMultiple
        rByWeek[Self.weekNumber(exitClose), default: 0] += trade.rMultiple
    }

    // MARK: signals

    /// The bar's indicator snapshot, then the pipeline's output at its close.
    private mutating func analyse(_ bar: Bar) -> PipelineOutput {
        // Taken out while it updates, so its state is not copied on every bar.
        var set = indicators.removeValue(forKey: bar.symbol)
            ?? IndicatorSet(emaFast: settings.emaFast, emaSlow: settings.emaSlow, atr: settings.atrPeriod, suite: IndicatorPeriods())
        let snapshot = set.update(with: bar)
        indicators[bar.symbol] = set
        if let atr = snapshot[atrName], atr > 0 { lastAtr[bar.symbol] = atr }
        let open = positions.isEmpty ? [] : Set(positions.keys)
        return pipeline.onBar(bar, indicators: snapshot, now: bar.start.addingTimeInterval(timeframe), openSymbols: open)
    }

    private mutating func handleSignals(_ bar: Bar, day: Int64) {
        let now = bar.start.addingTimeInterval(timeframe)
        let output = analyse(bar)
        if output.accepted { sessionRegimes[day, default: [:]][output.regime.regime.rawValue, default: 0] += 1 }
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
            approvalsByDay[NSESession.dayNumber(now), default: 0] += 1
            let plan = BacktestPosition.plan(signal: signal, quantity: decision.quantity, lotSize: settings.lotSize(of: signal.symbol),
                                             settings: settings)
            positions[signal.symbol] = BacktestPosition(signal: signal, decision: decision, plan: plan)
        }
    }

    /// The risk state risk-gate would read: the book, the day's and week's closed trades (running
    /// sums kept by `close`; no trade closes after `now`, so "before today" is the rest).
    func riskState(now: Date) -> RiskState {
        let today = NSESession.dayNumber(now)
        var ledger = RiskLedger()
        for symbol in positions.keys.sorted() {
            guard let position = positions[symbol] else { continue }
            let exposure = position.exposure(lastPrice: lastBar[symbol]?.close)
            if position.filled { ledger.open.append(exposure) } else { ledger.inFlight.append(exposure) }
        }
        ledger.realisedToday = realisedByDay[today] ?? .zero
        ledger.realisedBeforeToday = realised - ledger.realisedToday
        ledger.rToday = rByDay[today] ?? 0
        ledger.rWeek = rByWeek[Self.weekNumber(now)] ?? 0
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

    func currentEquity() -> Paise {
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
