import Foundation
import Logging
import PostgresStore
import RedisBus

#if canImport(Glibc)
import Glibc
#endif

/// Where the real Redis and Postgres for tests are (`make test` starts or reuses them).
public enum TestEnvironment {
    public static var redisURL: String {
        ProcessInfo.processInfo.environment["AITRAPP_REDIS_URL"] ?? "redis://127.0.0.1:6379"
    }

    public static var postgresURL: String {
        ProcessInfo.processInfo.environment["AITRAPP_POSTGRES_URL"] ?? "postgres://aitrapp@127.0.0.1:55432/aitrapp"
    }

    /// The package root, from this file's location.
    public static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    public static let logger = Logger(label: "tests")

    /// A unique name for channels and databases of one test.
    public static func uniqueName(_ prefix: String) -> String {
        prefix + "_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port` (a test server is up).
    public static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        return withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) } } == 0
    }

    /// A TCP port nobody listens on right now (bound once to port 0 and released).
    public static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Polls `condition` until it is true or `timeout` passes; returns the last result.
    public static func eventually(timeout: Duration = .seconds(10), every interval: Duration = .milliseconds(100),
                                  _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: interval)
        }
        return try await condition()
    }
}
