import Foundation

/// The configured limits risk-gate enforces. Percentages are of capital (0.5 means 0.5 %).
public struct RiskLimits: Sendable, Hashable, Codable {
    public var capital: Paise
    /// Percent of capital that one trade may lose at its stop, fees included.
    public var riskPerTradePercent: Double
    public var maxOpenPositions: Int
    public var maxLotsPerTrade: Int
    /// Sum of open risk to stop, this trade included, as percent of capital.
    public var portfolioHeatPercent: Double = 2.0
    /// Day's realised + unrealised loss that halts entries, as percent of start-of-day capital.
    public var dailyLossPercent: Double = 2.5
    /// R-based tripwires: the day's (week's) closed trades summing to −dailyLossR (−weeklyLossR) R halt entries.
    public var dailyLossR: Double = 2
    public var weeklyLossR: Double = 5
    public var maxTradesPerDay: Int = 10
    /// Notional (price × quantity) open on one underlying, this trade included.
    public var maxExposurePerUnderlying: Paise = Paise(1_000_000_000)
    /// SPAN-like margin for futures and short options, percent of notional; long options pay the premium.
    public var marginPercent: Double = 12
    public var maxSpreadBps: Double = 20
    /// The quote's touch (ask for a buy) beyond the signal's entry, in basis points of entry.
    public var maxSlippageBps: Double = 30
    /// Entries only for signals whose bar starts in [start, end) IST, in minutes since midnight.
    public var entryWindowStartMinute: Int = 9 * 60 + 20
    public var entryWindowEndMinute: Int = 15 * 60 + 10
    /// State older than this (service clock) fails closed.
    public var maxStateAgeSeconds: Double = 5
    public var charges: ChargeSchedule = .nseDiscount2026

    public init(capital: Paise, riskPerTradePercent: Double, maxOpenPositions: Int, maxLotsPerTrade: Int) {
        self.capital = capital
        self.riskPerTradePercent = riskPerTradePercent
        self.maxOpenPositions = maxOpenPositions
        self.maxLotsPerTrade = maxLotsPerTrade
    }

    /// The most one trade may lose at its stop: capital × percent / 100, rounded down to whole paise.
    public var riskBudget: Paise { Self.percent(riskPerTradePercent, of: capital) }

    /// The most all open trades together may lose at their stops.
    public var heatLimit: Paise { Self.percent(portfolioHeatPercent, of: capital) }

    /// `amount × percent / 100` floored to whole paise, computed exactly in integers from the
    /// percent's shortest decimal form (0.29, not 0.28999999999999998…), so a whole-paise result
    /// is exact. Percentages written with an exponent (1e-05) fall back to floating point.
    public static func percent(_ percent: Double, of amount: Paise) -> Paise {
        if let (mantissa, scale) = decimalDigits(percent) {
            var divisor: Int128 = 100
            for _ in 0..<scale { divisor *= 10 }
            let product = Int128(amount.value) * Int128(mantissa)
            var quotient = product / divisor
            if product % divisor != 0 && product < 0 { quotient -= 1 }   // floor, as NSDecimalRound(.down)
            if let paise = Int64(exactly: quotient) { return Paise(paise) }
        }
        return Paise(Int64((Double(amount.value) * percent / 100).rounded(.down)))
    }

    /// `value`'s shortest decimal text as an integer and a count of decimals ("2.5" → (25, 1)),
    /// or nil for exponent forms, non-finite values and more than 18 digits.
    static func decimalDigits(_ value: Double) -> (Int64, Int)? {
        guard value.isFinite else { return nil }
        var mantissa: Int64 = 0
        var scale = 0, digits = 0
        var negative = false, seenPoint = false
        for byte in String(value).utf8 {
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                guard digits <= 18 else { return nil }
                mantissa = mantissa * 10 + Int64(byte - UInt8(ascii: "0"))
                if seenPoint { scale += 1 }
            default: return nil
            }
        }
        return (negative ? -mantissa : mantissa, scale)
    }
}
