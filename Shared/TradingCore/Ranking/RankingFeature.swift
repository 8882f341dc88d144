/// The five ranking features, in fusion order.
public enum RankingFeature: String, Hashable, Sendable, Codable, CaseIterable {
    /// Side-signed move over the last bars, in ATRs.
    case momentum
    /// Side-signed EMA-fast minus EMA-slow, in ATRs.
    case trend
    /// log10(1 + bar volume), plus the ATM option's log10(1 + OI) minus 100× its spread fraction when a chain is known.
    case liquidity
    /// 1 in the strategy's home regime, 0.5 in another regime it trades, 0 otherwise.
    case regimeFit = "regime_fit"
    /// Reward to TP1 over risk.
    case rewardRisk = "reward_risk"
}
