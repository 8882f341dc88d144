import Foundation
import ServiceKit
import TradingCore

/// `risk_gate.charges.*`: the F&O charge schedule (`ChargeSchedule(configValues:)` in the core,
/// which the backtest reads too); each key defaults to `ChargeSchedule.nseDiscount2026`.
enum ChargeSettings {
    static func schedule(_ config: AppConfig) throws -> ChargeSchedule {
        do {
            return try ChargeSchedule(configValues: config.values)
        } catch {
            throw ConfigError.invalidValue(key: error.key, expected: String(error.expected.dropFirst("expected ".count)))
        }
    }
}
