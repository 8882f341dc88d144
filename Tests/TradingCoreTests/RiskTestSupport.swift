import Foundation
import TradingCore

/// Shared fixtures for the risk suites: ₹10,00,000 capital, 0.5 % per trade (₹5,000), and a
/// charge-free schedule so sizing arithmetic is exact unless a test asks for charges.
enum RiskFixture {
    /// Monday 2025-09-08 10:00 IST.
    static let now = istInstant(2025, 9, 8, 10, 0)

    static let noCharges: ChargeSchedule = {
        let zero = ChargeRates(brokerageCap: .zero, brokeragePercent: 0, sttSellPercent: 0, exchangePercent: 0, stampBuyPercent: 0)
        return ChargeSchedule(futures: zero, options: zero, sebiPerCrore: .zero, gstPercent: 0)
    }()

    static func limits(capital: Int64 = 100_000_000, percent: Double = 0.5, maxOpen: Int = 3, maxLots: Int = 10,
                       charges: ChargeSchedule = noCharges) -> RiskLimits {
        var limits = RiskLimits(capital: Paise(capital), riskPerTradePercent: percent, maxOpenPositions: maxOpen, maxLotsPerTrade: maxLots)
        limits.charges = charges
        return limits
    }

    static var clear: RiskState { RiskState(mode: .paper, paused: false, halted: false, openPositions: 0, readAt: now) }

    static func signal(_ side: Side = .buy, entry: Int64, stop: Int64, target: Int64 = 0, bar: Date = now) -> TradeSignal {
        TradeSignal(strategy: "ema_cross", symbol: "NIFTY", side: side, entry: Paise(entry), stop: Paise(stop),
                    target: Paise(target), confidence: 0.7, rationale: "test", features: [:], barStart: bar)
    }

    static func future(lot: Int = 75, freeze: Int? = nil) -> InstrumentFacts {
        InstrumentFacts(symbol: "NIFTY", underlying: "NIFTY", kind: .future, lotSize: lot, freezeQuantity: freeze)
    }

    static func decide(_ signal: TradeSignal, instrument: InstrumentFacts = future(), quote: MarketQuote? = nil,
                       state: RiskState = clear, now: Date = now) -> RiskDecision {
        decide(limits(), signal, instrument: instrument, quote: quote, state: state, now: now)
    }

    static func decide(_ limits: RiskLimits, _ signal: TradeSignal, instrument: InstrumentFacts = future(),
                       quote: MarketQuote? = nil, state: RiskState = clear, now: Date = now) -> RiskDecision {
        RiskGatePolicy(limits: limits).canEnter(signal, instrument: instrument, quote: quote, state: state, now: now)
    }
}

extension RiskDecision {
    func verdict(_ gate: String) -> GateVerdict? { verdicts.first { $0.gate == gate } }
    var failedGates: [String] { rejections.map(\.gate) }
}
