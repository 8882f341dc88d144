import Foundation
import Logging
import PostgresStore
import ServiceKit

/// `migrate [up|status] [--dir DIR]`: applies or lists `migrations/NNNN_*.sql` against
/// `postgres.url` (`AITRAPP_POSTGRES_URL`).
@main
struct MigrateCommand {
    static func main() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        var directory = "migrations"
        if let index = arguments.firstIndex(of: "--dir") {
            guard index + 1 < arguments.count else { fail("--dir needs a folder") }
            directory = arguments[index + 1]
            arguments.removeSubrange(index...index + 1)
        }
        let command = arguments.first ?? "up"
        guard ["up", "status"].contains(command), arguments.count <= 1 else {
            fail("usage: migrate [up|status] [--dir DIR]")
        }
        let config = ServiceKitContext.bootstrapConfigOnly()
        let url = config.string("postgres.url", default: "postgres://aitrapp@127.0.0.1:55432/aitrapp")
        let migrator = Migrator(database: PostgresDatabase(url: url, logger: Logger(label: "migrate"), statementTimeoutSeconds: 0), directory: directory)
        do {
            if command == "status" {
                for entry in try await migrator.status() { print("\(entry.state)\t\(entry.name)") }
            } else {
                let applied = try await migrator.up()
                if applied.isEmpty { print("migrate: nothing to apply") }
                for name in applied { print("migrate: applied \(name)") }
            }
        } catch {
            fail("\(error)")
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("migrate: \(message)\n".utf8))
        exit(1)
    }
}
