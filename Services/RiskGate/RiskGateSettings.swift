import Foundation
import Messages
import ServiceKit
import TradingCore

/// risk-gate's configuration (`risk_gate.*`): the core's limits and charge schedule, and the
/// shell's own settings. A bad value exits at start naming the key.
struct RiskGateSettings: Sendable {
    var limits: RiskLimits
    /// Symbols in the F&O ban period: never entered.
    var banList: Set<String>
    /// Event blackouts, `START/END` ISO-8601 pairs, on the signal's bar time.
    var blackouts: [DateInterval]
    /// A quote older than this (service clock) is not used for the spread guard.
    var quoteMaxAgeSeconds: Double
    /// An approval without orders counts as open for this long.
    var inFlightSeconds: Int
    var instanceId: String
    var leaseSeconds: Int

    init(config: AppConfig) throws {
        var limits = RiskLimits(
            capital: try config.paise("risk_gate.capital", default: Paise(100_000_000)),
            riskPerTradePercent: try config.double("risk_gate.risk_per_trade_pct", default: 0.5),
            maxOpenPositions: try config.int("risk_gate.max_open_positions", default: 1),
            maxLotsPerTrade: try config.int("risk_gate.max_lots_per_trade", default: 10))
        guard limits.capital > .zero else { throw ConfigError.invalidValue(key: "risk_gate.capital", expected: "a positive amount") }
        guard limits.riskPerTradePercent > 0, limits.riskPerTradePercent <= 100 else {
            throw ConfigError.invalidValue(key: "risk_gate.risk_per_trade_pct", expected: "a percentage in (0, 100]")
        }
        limits.portfolioHeatPercent = try config.double("risk_gate.portfolio_heat_pct", default: 2.0)
        limits.dailyLossPercent = try config.double("risk_gate.daily_loss_pct", default: 2.5)
        limits.dailyLossR = try config.double("risk_gate.daily_loss_r", default: 2)
        limits.weeklyLossR = try config.double("risk_gate.weekly_loss_r", default: 5)
        limits.maxTradesPerDay = try config.int("risk_gate.max_trades_per_day", default: 10)
        limits.maxExposurePerUnderlying = try config.paise("risk_gate.max_exposure_per_underlying", default: Paise(1_000_000_000))
        limits.marginPercent = try config.double("risk_gate.margin_pct", default: 12)
        limits.maxSpreadBps = try config.double("risk_gate.max_spread_bps", default: 20)
        limits.maxSlippageBps = try config.double("risk_gate.max_slippage_bps", default: 30)
        limits.entryWindowStartMinute = try Self.minute(config, "risk_gate.entry_window_start", default: "09:20")
        limits.entryWindowEndMinute = try Self.minute(config, "risk_gate.entry_window_end", default: "15:10")
        limits.maxStateAgeSeconds = try config.double("risk_gate.max_state_age_seconds", default: 5)
        limits.charges = try ChargeSchedule(section: config.section(ChargeSchedule.configSection))
        self.limits = limits
        banList = Set(config.list("risk_gate.ban_list", default: []))
        blackouts = try config.list("risk_gate.event_blackouts", default: []).map { text in
            let parts = text.split(separator: "/").map(String.init)
            guard parts.count == 2, let start = Timestamp.parse(parts[0]), let end = Timestamp.parse(parts[1]), start < end else {
                throw ConfigError.invalidValue(key: "risk_gate.event_blackouts", expected: "START/END ISO-8601 pairs")
            }
            return DateInterval(start: start, end: end)
        }
        quoteMaxAgeSeconds = try config.double("risk_gate.quote_max_age_seconds", default: 5)
        inFlightSeconds = try config.int("risk_gate.in_flight_seconds", default: 60)
        leaseSeconds = try config.int("risk_gate.lease_seconds", default: 15)
        instanceId = config.string("risk_gate.instance_id", default: ProcessInfo.processInfo.hostName)
    }

    /// `HH:MM` IST as minutes since midnight.
    static func minute(_ config: AppConfig, _ key: String, default fallback: String) throws -> Int {
        let parts = config.string(key, default: fallback).split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, (0..<24).contains(parts[0]), (0..<60).contains(parts[1]) else {
            throw ConfigError.invalidValue(key: key, expected: "HH:MM (IST, quoted in YAML)")
        }
        return parts[0] * 60 + parts[1]
    }
}
