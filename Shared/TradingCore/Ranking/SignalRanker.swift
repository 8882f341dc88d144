import Foundation

/// Scores a bar's signals: each feature z-scored over a rolling window of past values, fused
/// with the configured weights, squashed to 0…1, multiplied by each applicable penalty; ranked
/// by score (ties keep strategy order) and the top N passed on. Every number is kept in the
/// explanation. Deterministic: the same sequence of batches gives the same scores.
public struct SignalRanker: Sendable {
    public private(set) var parameters: RankingParameters
    private var windows: [RankingFeature: FeatureWindow]

    public init(parameters: RankingParameters = RankingParameters()) {
        self.parameters = parameters
        self.windows = Dictionary(uniqueKeysWithValues: RankingFeature.allCases.map { ($0, FeatureWindow(capacity: parameters.window)) })
    }

    /// New parameters; the windows keep their most recent values.
    public mutating func replace(parameters: RankingParameters) {
        self.parameters = parameters
        for feature in RankingFeature.allCases {
            var window = FeatureWindow(capacity: parameters.window)
            for value in windows[feature]?.values ?? [] { window.append(value) }
            windows[feature] = window
        }
    }

    /// The candidates in their given order, each with its explanation.
    public mutating func rank(_ candidates: [RankingCandidate], openSymbols: Set<String> = []) -> [RankedSignal] {
        let p = parameters
        let raws = candidates.map { RankingInputs.features($0, p) }
        for raw in raws { for feature in RankingFeature.allCases { windows[feature]?.append(raw[feature] ?? 0) } }
        var scored: [(explanation: SignalExplanation, index: Int)] = []
        for (index, candidate) in candidates.enumerated() {
            let attributions = RankingFeature.allCases.map { feature -> FeatureAttribution in
                let raw = raws[index][feature] ?? 0
                let z = windows[feature]?.zScore(raw) ?? 0
                let weight = p.weights[feature] ?? 0
                return FeatureAttribution(feature: feature.rawValue, raw: raw, normalized: z, weight: weight, contribution: weight * z)
            }
            let fused = attributions.reduce(0) { $0 + $1.contribution }
            let base = 1 / (1 + exp(-fused))
            let penalties = RankingInputs.penalties(candidate, openSymbols: openSymbols, p)
            let score = penalties.reduce(base) { $0 * $1.factor }
            scored.append((SignalExplanation(score: score, fused: fused, base: base, rank: 0, candidates: candidates.count,
                                             passed: false, features: attributions, penalties: penalties), index))
        }
        let order = scored.sorted { $0.explanation.score > $1.explanation.score || ($0.explanation.score == $1.explanation.score && $0.index < $1.index) }
        for (position, entry) in order.enumerated() {
            scored[entry.index].explanation.rank = position + 1
            scored[entry.index].explanation.passed = position < p.topN
        }
        return scored.map { RankedSignal(signal: candidates[$0.index].signal, explanation: $0.explanation) }
    }
}
