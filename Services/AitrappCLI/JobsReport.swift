import Foundation

/// The body of control-api's `GET /jobs`, and its text form for `aitrapp jobs`.
struct JobsReport: Decodable {
    struct Job: Decodable {
        var name: String
        var schedule: String
        var catch_up: String
        var next_fire_ist: String?
    }

    struct Run: Decodable {
        var trading_day: String
        var slot: String
        var status: String
        var source: String
        var fired_ist: String
        var duration_ms: Int?
        var detail: String?
    }

    var now_ist: String
    var trading_day: Bool
    var leader: String?
    var jobs: [Job]
    var last_runs: [String: [Run]]

    /// One line per job: schedule, catch-up, next fire (IST), and its last run.
    var text: String {
        func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count) }
        func short(_ ist: String) -> String { String(ist.replacingOccurrences(of: "T", with: " ").prefix(19)) }
        var lines = ["now \(short(now_ist)) IST, \(trading_day ? "a trading day" : "not a trading day"), leader \(leader ?? "none")", ""]
        lines.append(pad("JOB", 18) + pad("SCHEDULE", 16) + pad("CATCH-UP", 19) + pad("NEXT (IST)", 21) + "LAST RUN")
        for job in jobs {
            let last = last_runs[job.name]?.first.map { run in
                "\(short(run.fired_ist)) \(run.status) \(run.source)" + (run.duration_ms.map { " \($0) ms" } ?? "")
            } ?? "never"
            lines.append(pad(job.name, 18) + pad(job.schedule, 16) + pad(job.catch_up, 19)
                         + pad(job.next_fire_ist.map(short) ?? "none", 21) + last)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
