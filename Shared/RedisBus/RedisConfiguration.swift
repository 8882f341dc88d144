import Foundation

/// Where and how to reach Redis: `redis://[:password@]host[:port][/db]`.
public struct RedisConfiguration: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var password: String?
    public var database: Int
    public var connectTimeout: Duration
    public var commandTimeout: Duration
    /// Shown by `CLIENT LIST` (e.g. `executor.sub`), so an operator can tell connections apart.
    public var clientName: String?

    public init(host: String = "127.0.0.1", port: Int = 6379, password: String? = nil, database: Int = 0,
                connectTimeout: Duration = .seconds(2), commandTimeout: Duration = .seconds(2), clientName: String? = nil) {
        self.host = host
        self.port = port
        self.password = password
        self.database = database
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.clientName = clientName
    }

    /// The same server with another client name.
    public func named(_ name: String) -> RedisConfiguration {
        var copy = self
        copy.clientName = name
        return copy
    }

    public init(url: String) throws {
        guard let components = URLComponents(string: url), components.scheme == "redis",
              let host = components.host, !host.isEmpty else {
            throw RedisError.invalidURL("expected redis://host:port[/db]")
        }
        var database = 0
        let path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        if !path.isEmpty {
            guard let number = Int(path), number >= 0 else { throw RedisError.invalidURL("database must be a number") }
            database = number
        }
        let password = components.password.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding }
        self.init(host: host, port: components.port ?? 6379, password: password, database: database)
    }

    /// `redis://host:port/db` without the password.
    public var description: String { "redis://\(host):\(port)/\(database)" }
}
