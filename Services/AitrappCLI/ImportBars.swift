import ArgumentParser
import Foundation
import Logging
import PostgresStore
import TradingCore

/// `aitrapp import-bars --data SYMBOL=PATH… --database-url URL`: loads checked bar files into
/// the `bars` table (the same checks as `backtest`: duplicated or unsorted rows refuse every
/// file, gaps are reported). Idempotent: a bar already stored is left as it is.
struct ImportBars: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-bars",
        abstract: "Load bar CSV files into the Postgres bars table (for backtest / validate --source postgres).")

    @Option(name: .long, parsing: .upToNextOption, help: "Bar CSV files, as PATH (symbol NIFTY) or SYMBOL=PATH.")
    var data: [String]

    @Option(help: "The bars' length (1m, 5s, 15m…); default: the commonest step between a file's bars.")
    var timeframe: String?

    @Option(name: .customLong("database-url"), help: "The Postgres to load (default AITRAPP_POSTGRES_URL).")
    var databaseURL: String?

    func validate() throws {
        if data.count > 1, data.contains(where: { !$0.contains("=") }) {
            throw ValidationError("with several --data files, name each as SYMBOL=PATH")
        }
        if let timeframe, Timeframe(timeframe) == nil {
            throw ValidationError("--timeframe: a bar length such as 1m, 5s or 15m, got '\(timeframe)'")
        }
    }

    func run() async throws {
        guard let url = databaseURL ?? RunInputs.nonEmpty(ProcessInfo.processInfo.environment["AITRAPP_POSTGRES_URL"]) else {
            CommandOutput.fail("import-bars: pass --database-url or set AITRAPP_POSTGRES_URL")
        }
        let given = timeframe.flatMap { Timeframe($0)?.seconds }
        let files = BarFileLoader.load(data, timeframeSeconds: given)
        var logger = Logger(label: "aitrapp")
        logger.logLevel = .error
        let database = PostgresDatabase(url: url, logger: logger, label: "aitrapp-import", statementTimeoutSeconds: 300)
        var rows: [(String, String)] = []
        for file in files {
            let seconds = given ?? Int(file.check.timeframeSeconds)
            let batch = file.bars.map { BarRepository.Row(bar: $0, timeframeSeconds: seconds) }
            let inserted: Int
            do {
                inserted = try await database.transaction { db in try BarRepository.insert(batch, on: db) }
            } catch {
                CommandOutput.fail("\(file.path): not imported: \(error) (is the database migrated? `migrate up`)")
            }
            rows.append((file.path, "\(file.symbol), \(seconds) s bars: \(batch.count) read, \(inserted) inserted, "
                         + "\(batch.count - inserted) already stored"))
        }
        print(CommandOutput.table(rows), terminator: "")
    }
}
