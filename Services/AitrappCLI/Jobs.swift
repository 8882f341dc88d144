import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `aitrapp jobs [--api URL] [--json]`: the scheduled jobs with their next fire times in IST
/// and their last runs (status, duration), as control-api's `GET /jobs` reports them
/// (with a viewer or operator token: `--token`, or the `AITRAPP_*_TOKEN` environment).
struct Jobs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the scheduled jobs: next fire times (IST) and last runs with status and duration."
    )

    @Option(help: "control-api base URL.")
    var api = ProcessInfo.processInfo.environment["AITRAPP_API_URL"] ?? "http://127.0.0.1:8000"

    @Option(help: "Bearer token for control-api (default: $AITRAPP_VIEWER_TOKEN, else $AITRAPP_OPERATOR_TOKEN).")
    var token = ProcessInfo.processInfo.environment["AITRAPP_VIEWER_TOKEN"] ?? ProcessInfo.processInfo.environment["AITRAPP_OPERATOR_TOKEN"] ?? ""

    @Flag(help: "Print the JSON of GET /jobs as it came.")
    var json = false

    func run() async throws {
        guard let url = URL(string: api.hasSuffix("/") ? api + "jobs" : api + "/jobs") else {
            throw ValidationError("--api \(api) is not a URL")
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await Self.fetch(url, token: token)
        } catch {
            FileHandle.standardError.write(Data("\(url): \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            FileHandle.standardError.write(Data("\(url): \(String(decoding: data, as: UTF8.self))\n".utf8))
            throw ExitCode(1)
        }
        if json {
            FileHandle.standardOutput.write(data + Data("\n".utf8))
            return
        }
        let report = try JSONDecoder().decode(JobsReport.self, from: data)
        FileHandle.standardOutput.write(Data(report.text.utf8))
    }

    static func fetch(_ url: URL, token: String) async throws -> (Data, URLResponse) {
        var request = URLRequest(url: url)
        if !token.isEmpty { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        return try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                if let data, let response { continuation.resume(returning: (data, response)) } else {
                    continuation.resume(throwing: error ?? URLError(.badServerResponse))
                }
            }.resume()
        }
    }
}
