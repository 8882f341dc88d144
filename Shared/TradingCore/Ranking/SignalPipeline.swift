import Foundation

/// The whole strategy-ranker decision as a value: per-symbol bar history, the latest option
/// chain and ATM IV history per underlying, the regime classifier, the strategies and the
/// ranker. The service feeds it messages and does the I/O; the backtester can feed it bars.
/// The same inputs in the same order give the same outputs.
public struct SignalPipeline: Sendable {
    public private(set) var settings: PipelineSettings
    private var runner: StrategyRunner
    private var ranker: SignalRanker
    private var series: [String: BarSeries] = [:]
    private var chains: [String: OptionChainSnapshot] = [:]
    private var ivHistory: [String: [Double]] = [:]
    private var regimes: [String: TradingRegime] = [:]
    /// Per symbol, the regime classifier's lookback (follows `series`).
    private var regimeWindows: [String: RegimeWindow] = [:]

    public init(settings: PipelineSettings) {
        self.settings = settings
        self.runner = StrategyRunner(slots: settings.slots)
        self.ranker = SignalRanker(parameters: settings.ranking)
    }

    /// Applies a new configuration without losing history, chains or cooldowns.
    public mutating func reload(_ settings: PipelineSettings) {
        self.settings = settings
        runner.replace(slots: settings.slots)
        ranker.replace(parameters: settings.ranking)
        let periods = StrategyBook.requiredEmaPeriods(settings.slots)
        series = series.mapValues { $0.rebuilt(emaPeriods: periods) }
        let classifier = RegimeClassifier(parameters: settings.regime)
        regimeWindows = series.mapValues { symbolSeries in
            var window = RegimeWindow(lookbackBars: settings.regime.lookbackBars)
            for item in symbolSeries.bars.suffix(window.lookbackBars) { window.append(item, classifier: classifier) }
            return window
        }
    }

    /// Records an underlying's latest chain and its ATM implied volatility.
    public mutating func onChain(_ underlying: String, _ snapshot: OptionChainSnapshot) {
        if let previous = chains[underlying], snapshot.asOf < previous.asOf { return }
        chains[underlying] = snapshot
        let probe = StrategyContext(symbol: underlying, history: [IndicatorBar(bar: Bar(symbol: underlying, start: snapshot.asOf,
            open: snapshot.spot, high: snapshot.spot, low: snapshot.spot, close: snapshot.spot, volume: 0), indicators: [:])],
            now: snapshot.asOf, chain: snapshot)
        if let iv = probe.atmImpliedVolatility {
            var history = ivHistory[underlying, default: []]
            history.append(iv)
            if history.count > settings.ivHistorySamples { history.removeFirst(history.count - settings.ivHistorySamples) }
            ivHistory[underlying] = history
        }
    }

    /// Runs one closed bar. `now` is the injected clock; `openSymbols` those with an open position.
    public mutating func onBar(_ bar: Bar, indicators: [String: Double], now: Date, openSymbols: Set<String> = []) -> PipelineOutput {
        // Taken out of the dictionary while it grows, so the history is not copied on every bar.
        var symbolSeries = series.removeValue(forKey: bar.symbol)
            ?? BarSeries(capacity: settings.historyBars, emaPeriods: StrategyBook.requiredEmaPeriods(settings.slots))
        let accepted = symbolSeries.append(bar, indicators: indicators)
        series[bar.symbol] = symbolSeries
        guard accepted, let latest = symbolSeries.bars.last else {
            let fallback = RegimeAssessment(regime: regimes[bar.symbol] ?? .noTrade, reason: "bar not after the last one")
            return PipelineOutput(accepted: false, regime: fallback, previousRegime: regimes[bar.symbol])
        }
        let classifier = RegimeClassifier(parameters: settings.regime)
        var window = regimeWindows.removeValue(forKey: bar.symbol) ?? RegimeWindow(lookbackBars: settings.regime.lookbackBars)
        window.append(latest, classifier: classifier)
        regimeWindows[bar.symbol] = window
        let close = bar.start.addingTimeInterval(Double(settings.timeframeSeconds))
        let chain = chains[bar.symbol].flatMap { abs(close.timeIntervalSince($0.asOf)) <= settings.chainMaxAgeSeconds ? $0 : nil }
        let events = settings.calendar.proximity(at: close, symbol: bar.symbol,
                                                 lookaheadMinutes: max(settings.ranking.eventMinutes, settings.regime.eventMinutes))
        let atmSpread = chain.flatMap { chain in chain.atmStrike.flatMap { chain.row(strike: $0, kind: .call) } }
            .flatMap(OptionQuoteFilter.spreadFraction)
        let regime = classifier.classify(latest: latest, window: window, events: events, atmSpreadFraction: atmSpread)
        let previous = regimes[bar.symbol]
        regimes[bar.symbol] = regime.regime
        let context = StrategyContext(symbol: bar.symbol, history: symbolSeries.bars, timeframeSeconds: settings.timeframeSeconds,
                                      now: now, chain: chain, ivHistory: ivHistory[bar.symbol] ?? [], regime: regime,
                                      events: events, tickSize: settings.tickSize)
        let run = runner.run(context)
        let candidates = run.signals.map { signal in
            RankingCandidate(signal: signal, context: context, regimes: runner.slot(named: signal.strategy)?.regimes ?? [])
        }
        let ranked = candidates.isEmpty ? [] : ranker.rank(candidates, openSymbols: openSymbols)
        return PipelineOutput(accepted: true, regime: regime, previousRegime: previous, ranked: ranked, failures: run.failures,
                              skipped: run.skipped)
    }
}
