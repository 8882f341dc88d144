import Foundation
import Testing
import TradingCore

@Suite("Signal pipeline")
struct SignalPipelineTests {
    /// The end-to-end fixture on which the EMA(9/21) cross fires a BUY.
    static func fixtureBars() throws -> [Bar] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("EndToEndTests/Fixtures/ema_cross_up.csv").path
        return try BarCSVParser(symbol: "NIFTY").parse(try String(contentsOfFile: path, encoding: .utf8))
    }

    static func run(_ bars: [Bar], pipeline: inout SignalPipeline) -> [PipelineOutput] {
        var indicators = IndicatorSet(emaFast: 9, emaSlow: 21, atr: 14, suite: IndicatorPeriods())
        return bars.map { bar in
            let snapshot = indicators.update(with: bar)
            return pipeline.onBar(bar, indicators: snapshot, now: bar.start.addingTimeInterval(61))
        }
    }

    static func settings(_ values: [String: String] = [:]) throws -> PipelineSettings {
        PipelineSettings(slots: try StrategyBook.build(values: values, tickSize: Paise(5)))
    }

    @Test("the fixture gives the EMA-cross BUY with a regime and an explanation; the same bars give the same signals")
    func deterministicEmaCross() throws {
        let bars = try Self.fixtureBars()
        var first = SignalPipeline(settings: try Self.settings())
        var second = SignalPipeline(settings: try Self.settings())
        let a = Self.run(bars, pipeline: &first).flatMap(\.ranked)
        let b = Self.run(bars, pipeline: &second).flatMap(\.ranked)
        #expect(a == b)
        let cross = try #require(a.first { $0.signal.strategy == "ema_cross" })
        #expect(cross.signal.side == .buy)
        #expect(cross.signal.regime != nil && cross.signal.target2 != nil)
        #expect(cross.explanation.features.count == 5 && cross.explanation.rank >= 1)
    }

    @Test("a replayed (not newer) bar is refused; reload applies new strategies and keeps the history")
    func replayAndReload() throws {
        let bars = try Self.fixtureBars()
        var pipeline = SignalPipeline(settings: try Self.settings())
        let outputs = Self.run(bars, pipeline: &pipeline)
        #expect(outputs.allSatisfy { $0.accepted })
        #expect(!pipeline.onBar(bars[10], indicators: [:], now: bars[10].start.addingTimeInterval(61)).accepted)

        var disabled = SignalPipeline(settings: try Self.settings())
        let half = bars.count / 2
        _ = Self.run(Array(bars[..<half]), pipeline: &disabled)
        disabled.reload(try Self.settings(["strategies.enabled": "orb"]))
        #expect(disabled.settings.slots.map(\.name) == ["orb"])
        var indicators = IndicatorSet(emaFast: 9, emaSlow: 21, atr: 14, suite: IndicatorPeriods())
        var produced: [String] = []
        for (index, bar) in bars.enumerated() {
            let snapshot = indicators.update(with: bar)
            guard index >= half else { continue }
            produced += disabled.onBar(bar, indicators: snapshot, now: bar.start.addingTimeInterval(61)).ranked.map(\.signal.strategy)
        }
        #expect(!produced.contains("ema_cross"))
    }

    @Test("regime changes are reported once per change")
    func regimeChanges() throws {
        var pipeline = SignalPipeline(settings: try Self.settings())
        let outputs = Self.run(try Self.fixtureBars(), pipeline: &pipeline)
        #expect(outputs[0].regimeChanged && outputs[0].regime.regime == .noTrade)
        let changes = outputs.filter(\.regimeChanged)
        for pair in zip(changes, changes.dropFirst()) { #expect(pair.0.regime.regime != pair.1.regime.regime) }
    }
}
