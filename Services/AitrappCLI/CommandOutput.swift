import Foundation

/// Standard error messages and exits shared by the subcommands.
enum CommandOutput {
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(1)
    }

    static func write(_ text: String, to directory: URL, _ name: String) {
        let url = directory.appendingPathComponent(name)
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            fail("\(url.path): cannot write: \(error.localizedDescription)")
        }
    }

    static func read(_ path: String) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            fail("\(path): cannot read: \(error.localizedDescription)")
        }
    }

    /// The summary as an aligned two-column table.
    static func table(_ rows: [(String, String)]) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n") + "\n"
    }
}
