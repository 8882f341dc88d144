import ArgumentParser
import Foundation
import TradingCore

/// `aitrapp compare DIR DIR...`: reads each run folder's metrics.json and config.json, prints the
/// runs side by side and writes compare.html (`RunComparison` in the core builds both).
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Put backtest run folders side by side; write compare.html.")

    @Argument(help: "Run folders written by aitrapp backtest.") var directories: [String]
    @Option(help: "Where to write the HTML comparison.") var out = "compare.html"

    func validate() throws {
        if directories.count < 2 { throw ValidationError("compare needs at least two run folders") }
    }

    func run() throws {
        let decoder = JSONDecoder()
        let runs = directories.map { directory -> RunComparison.Run in
            let folder = URL(fileURLWithPath: directory)
            let metrics = CommandOutput.read(folder.appendingPathComponent("metrics.json").path)
            let config = CommandOutput.read(folder.appendingPathComponent("config.json").path)
            do {
                return RunComparison.Run(name: folder.lastPathComponent,
                                         metrics: try decoder.decode(BacktestMetrics.self, from: Data(metrics.utf8)),
                                         config: try decoder.decode(BacktestRunConfig.self, from: Data(config.utf8)))
            } catch {
                CommandOutput.fail("\(directory): metrics.json / config.json: \(error)")
            }
        }
        let comparison = RunComparison(runs: runs)
        let url = URL(fileURLWithPath: out)
        CommandOutput.write(comparison.html, to: url.deletingLastPathComponent(), url.lastPathComponent)
        print(comparison.text, terminator: "")
    }
}
