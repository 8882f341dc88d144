import Foundation
import Testing
import TradingCore

@Suite("Signal ranking")
struct SignalRankerTests {
    static func candidate(strategy: String, entry: Double, stop: Double, target: Double, regimes: [TradingRegime] = [.trend],
                          events: EventProximity = .none, vwap: Double = 24600) -> RankingCandidate {
        var s = Scenario()
        let indicators = ["atr_14": 10.0, "ema_9": 24605, "ema_21": 24595, "vwap": vwap]
        for i in 0..<12 { s.flat(24590 + Double(i), indicators) }
        let bar = s.bars.last!.bar
        let signal = TradeSignal(strategy: strategy, symbol: "NIFTY", side: .buy, entry: Paise(rupees: entry), stop: Paise(rupees: stop),
                                 target: Paise(rupees: target), confidence: 0.6, rationale: "test", features: [:], barStart: bar.start)
        return RankingCandidate(signal: signal, context: s.context(regime: .trend, events: events), regimes: regimes)
    }

    @Test("z-scores over the window: mean 2, population sd 0.8165 for 1,2,3")
    func zScores() {
        var window = FeatureWindow(capacity: 3)
        for value in [9.0, 1, 2, 3] { window.append(value) }
        #expect(window.values == [1, 2, 3])
        #expect(approximatelyEqual(window.zScore(3), 1.224744871, tolerance: 1e-6))
        #expect(FeatureWindow(capacity: 5).zScore(7) == 0)
    }

    @Test("higher reward:risk and a home regime rank first; contributions are weight × z and the score is explained")
    func ranksAndExplains() throws {
        var ranker = SignalRanker()
        let ranked = ranker.rank([
            Self.candidate(strategy: "a", entry: 24601, stop: 24591, target: 24616, regimes: [.volatile, .trend]),  // 1.5R, away
            Self.candidate(strategy: "b", entry: 24601, stop: 24591, target: 24631),                                 // 3R, home
        ])
        #expect(ranked.map(\.signal.strategy) == ["a", "b"])
        #expect(ranked.map(\.explanation.rank) == [2, 1])
        let best = ranked[1].explanation
        #expect(best.features.map(\.feature) == ["momentum", "trend", "liquidity", "regime_fit", "reward_risk"])
        #expect(best.features.map(\.weight) == [0.25, 0.25, 0.20, 0.15, 0.15])
        for attribution in best.features { #expect(approximatelyEqual(attribution.contribution, attribution.weight * attribution.normalized)) }
        #expect(approximatelyEqual(best.fused, best.features.reduce(0) { $0 + $1.contribution }))
        #expect(approximatelyEqual(best.score, 1 / (1 + exp(-best.fused))))
        #expect(best.features.first { $0.feature == "reward_risk" }?.raw == 3)
        #expect(best.features.first { $0.feature == "regime_fit" }?.raw == 1)
        #expect(ranked[0].explanation.features.first { $0.feature == "regime_fit" }?.raw == 0.5)
        #expect(ranked.allSatisfy { $0.explanation.passed })
    }

    @Test("penalties multiply the score: event ×0.7, far from VWAP ×0.8, correlated position ×0.6; top N cuts")
    func penalties() throws {
        let event = MarketEvent(at: istInstant(2025, 9, 8, 9, 45), kind: .cpi, underlying: nil, title: "CPI")
        var parameters = RankingParameters()
        parameters.topN = 1
        var ranker = SignalRanker(parameters: parameters)
        let ranked = ranker.rank([
            Self.candidate(strategy: "plain", entry: 24601, stop: 24591, target: 24616),
            Self.candidate(strategy: "penalised", entry: 24601, stop: 24591, target: 24616,
                           events: EventProximity(nearestEvent: event, minutesToEvent: 18), vwap: 24550),
        ], openSymbols: ["BANKNIFTY", "NIFTY"])
        let plain = ranked[0].explanation, penalised = ranked[1].explanation
        #expect(plain.penalties.map(\.name) == ["correlated_position"])
        #expect(penalised.penalties.map(\.name) == ["event_proximity", "far_from_vwap", "correlated_position"])
        #expect(approximatelyEqual(penalised.score, penalised.base * 0.7 * 0.8 * 0.6))
        #expect(approximatelyEqual(plain.base, penalised.base))
        #expect(plain.rank == 1 && plain.passed && penalised.rank == 2 && !penalised.passed)
    }

    @Test("the same batches give the same scores")
    func deterministic() {
        func run() -> [Double] {
            var ranker = SignalRanker()
            return (0..<5).flatMap { i in
                ranker.rank([Self.candidate(strategy: "x", entry: 24601, stop: 24591, target: 24611 + Double(i * 3))]).map(\.explanation.score)
            }
        }
        #expect(run() == run())
        #expect(Set(run()).count > 1)
    }
}
