import ServiceKit
import TradingCore

/// executor's section of the configuration.
struct ExecutorSettings: Sendable {
    var fillModel: PaperFillModel
    /// ₹ charged per executed order (flat brokerage until the full charge model lands).
    var brokeragePerOrder: Paise

    init(config: AppConfig) throws {
        let slippage = try config.double("executor.slippage_bps", default: 2.0)
        guard slippage >= 0 else { throw ConfigError.invalidValue(key: "executor.slippage_bps", expected: "a non-negative number") }
        let tick = try config.paise("marketdata.tick_size", default: Paise(5))
        guard tick > .zero else { throw ConfigError.invalidValue(key: "marketdata.tick_size", expected: "a positive amount") }
        fillModel = PaperFillModel(slippageBps: slippage, tickSize: tick)
        brokeragePerOrder = try config.paise("executor.brokerage_per_order", default: Paise(2000))
    }
}
