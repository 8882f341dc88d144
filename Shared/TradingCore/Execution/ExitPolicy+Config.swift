extension ExitPolicy {
    /// The configuration section the executor and the backtest both read.
    public static let configSection = "executor.exits"

    /// Builds the policy from the `executor.exits` section (keys without that prefix, e.g.
    /// `tp1_r`); a missing key keeps the shipped default. `capital` is `risk_gate.capital` (the MAE
    /// stop is a share of it). An unknown key or a value out of range names its full key.
    public init(section values: [String: String], capital: Paise) throws {
        var reader = StrategyConfigReader(prefix: Self.configSection, values: values)
        let defaults = ExitPolicy()
        self.init(
            trailingAtrMultiple: try reader.double("trailing_atr_multiple", default: defaults.trailingAtrMultiple, in: 0...100),
            target1R: try reader.double("tp1_r", default: defaults.target1R, in: 0.01...100),
            target1Fraction: try reader.double("tp1_fraction", default: defaults.target1Fraction, in: 0...1),
            target2R: try reader.double("tp2_r", default: defaults.target2R, in: 0.01...100),
            timeStopMinutes: try reader.int("time_stop_minutes", default: defaults.timeStopMinutes, in: 0...1_440),
            volatilityStopMultiple: try reader.double("volatility_stop_atr_multiple", default: defaults.volatilityStopMultiple,
                                                      in: 0...100),
            maeCapitalFraction: try reader.double("mae_stop_capital_pct", default: defaults.maeCapitalFraction * 100, in: 0...100) / 100,
            capital: capital,
            squareOffMinuteIST: try reader.time("square_off", default: "15:25"))
        try reader.checkNoUnknownKeys()
    }

    /// The policy as flattened `executor.exits.*` keys: the inverse of `init(section:capital:)`,
    /// for effective-config records.
    public var configValues: [String: String] {
        let prefix = Self.configSection + "."
        return [prefix + "trailing_atr_multiple": "\(trailingAtrMultiple)", prefix + "tp1_r": "\(target1R)",
                prefix + "tp1_fraction": "\(target1Fraction)", prefix + "tp2_r": "\(target2R)",
                prefix + "time_stop_minutes": String(timeStopMinutes),
                prefix + "volatility_stop_atr_multiple": "\(volatilityStopMultiple)",
                prefix + "mae_stop_capital_pct": "\(maeCapitalFraction * 100)",
                prefix + "square_off": EntryWindow.label(squareOffMinuteIST)]
    }
}
