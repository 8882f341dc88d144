import Foundation
import Messages
import ServiceKit
import TradingCore

/// The executor's end-of-day fallback state (the core's `EndOfDayFallback`) shared by the
/// job consumer (which reports `eod.flatten` arrivals) and `EODFallbackService`.
actor EODFallback {
    private var state: EndOfDayFallback

    init(calendar: TradingCalendar, fallbackMinute: Int) {
        state = EndOfDayFallback(calendar: calendar, fallbackMinute: fallbackMinute)
    }

    /// Called for every `job.run` the executor receives.
    func jobArrived(_ job: JobPayload) {
        if job.job == "eod.flatten" { state.jobArrived(tradingDay: job.tradingDay) }
    }

    func check(now: Date) -> EndOfDayFallback.Decision { state.check(now: now) }

    func failed(day: Int64) { state.flattenFailed(day: day) }

    /// From `executor.eod_fallback` (`HH:MM` IST, default 15:26) and the shared trading calendar.
    static func configured(_ config: AppConfig) throws -> EODFallback {
        let text = config.string("executor.eod_fallback", default: "15:26")
        guard let minute = TradingCalendarParser.minute(text) else {
            throw ConfigError.invalidValue(key: "executor.eod_fallback", expected: "an IST time HH:MM, got '\(text)'")
        }
        return EODFallback(calendar: try TradingCalendarLoader.load(config).calendar, fallbackMinute: minute)
    }
}
