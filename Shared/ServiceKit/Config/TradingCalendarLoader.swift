import Foundation
import TradingCore

/// Loads the one trading calendar every service shares: each `nse-YYYY.csv` in `calendar.dir`
/// (relative to the config file's folder; default `calendar`) and the expiry rules
/// `calendar.weekly_expiry` / `calendar.monthly_expiry` (`SYMBOL=DAY` lists). A bad file or
/// entry is a `ConfigError` naming the key, the file and the line.
public enum TradingCalendarLoader {
    public struct Loaded: Sendable {
        public var calendar: TradingCalendar
        /// The files' text, in year order (for a config sha).
        public var text: String
    }

    public static func load(_ config: AppConfig, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Loaded {
        var calendar = TradingCalendar(expiryRules: try expiryRules(config))
        let directory = config.string("calendar.dir", default: "calendar")
        let configPath = environment["AITRAPP_CONFIG"] ?? "deploy/config/aitrapp.yaml"
        let path = directory.hasPrefix("/") ? directory
            : URL(fileURLWithPath: configPath).deletingLastPathComponent().appendingPathComponent(directory).path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            throw ConfigError.invalidValue(key: "calendar.dir", expected: "a readable folder of nse-YYYY.csv files (\(path))")
        }
        var texts: [String] = []
        for name in names.sorted() where name.hasPrefix("nse-") && name.hasSuffix(".csv") {
            let yearText = name.dropFirst(4).dropLast(4)
            guard yearText.count == 4, let year = Int(yearText) else {
                throw ConfigError.invalidValue(key: "calendar.dir", expected: "files named nse-YYYY.csv, found \(name)")
            }
            let file = (path as NSString).appendingPathComponent(name)
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ConfigError.invalidValue(key: "calendar.dir", expected: "a readable \(file)")
            }
            do {
                calendar = calendar.merging(try TradingCalendarParser.parse(text, year: year))
            } catch {
                throw ConfigError.invalidValue(key: "calendar.dir", expected: "a valid calendar: \(file): \(error)")
            }
            texts.append(text)
        }
        return Loaded(calendar: calendar, text: texts.joined(separator: "\n"))
    }

    /// `calendar.weekly_expiry` / `monthly_expiry` as `SYMBOL=DAY` entries.
    public static func expiryRules(_ config: AppConfig) throws -> [String: ExpiryRule] {
        var rules: [String: ExpiryRule] = [:]
        for (key, weekly) in [("calendar.weekly_expiry", true), ("calendar.monthly_expiry", false)] {
            for entry in config.list(key, default: []) {
                let parts = entry.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, let day = ExpiryRule.weekday(named: parts[1]) else {
                    throw ConfigError.invalidValue(key: key, expected: "SYMBOL=DAY entries like NIFTY=TUE, got '\(entry)'")
                }
                var rule = rules[parts[0].uppercased()] ?? ExpiryRule(weeklyWeekday: nil, monthlyWeekday: nil)
                if weekly { rule.weeklyWeekday = day } else { rule.monthlyWeekday = day }
                rules[parts[0].uppercased()] = rule
            }
        }
        return rules
    }
}
