import Foundation
import HummingbirdWSClient
import Logging
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A real headless Chromium driven over the Chrome DevTools Protocol (its WebSocket): the
/// browser test navigates, clicks with real mouse events, types, reads the DOM and takes
/// screenshots. `launch` fails with a clear message when no Chromium is installed
/// (`apt-get install chromium`; `scripts/deps.sh` installs it).
final class ChromeSession: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible { let description: String }

    private let process: Process
    private let profile: URL
    private let outgoing: AsyncStream<String>.Continuation
    private let connection: Task<Void, any Error>
    private let lock = NSLock()
    private var pending: [Int: CheckedContinuation<Data, any Error>] = [:]
    private var nextId = 0
    private var consoleLines: [String] = []

    /// The Chromium executable: `AITRAPP_CHROMIUM`, else `chromium`, `chromium-browser`, `google-chrome` on PATH.
    static func executable() -> String? {
        if let override = ProcessInfo.processInfo.environment["AITRAPP_CHROMIUM"], !override.isEmpty { return override }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        return nil
    }

    static func launch(width: Int = 1400, height: Int = 1100) async throws -> ChromeSession {
        guard let executable = executable() else {
            throw Failure(description: "Chromium is not installed: the dashboard browser test needs it "
                + "(apt-get install chromium, which scripts/deps.sh does; or set AITRAPP_CHROMIUM)")
        }
        let port = TestEnvironment.freePort()
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent(TestEnvironment.uniqueName("chromium-profile"))
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                             "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                             "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=\(port)", "--remote-allow-origins=*",
                             "--user-data-dir=\(profile.path)", "--window-size=\(width),\(height)", "about:blank"]
        let log = profile.appendingPathComponent("chromium.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        var socketURL: String?
        let found = await TestEnvironment.eventually(timeout: .seconds(30), every: .milliseconds(200)) {
            socketURL = await Self.pageSocketURL(port: port)
            return socketURL != nil
        }
        guard found, let socketURL else {
            process.terminate()
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw Failure(description: "Chromium (\(executable)) did not open its DevTools port \(port) within 30 s; "
                + "its output ends:\n\(output.suffix(2000))")
        }
        return try await ChromeSession(process: process, profile: profile, socketURL: socketURL)
    }

    /// The page target's DevTools WebSocket, from `/json/list`. Read over a plain socket:
    /// Chromium writes `Name:value` headers without a space, which URLSession refuses.
    private static func pageSocketURL(port: Int) async -> String? {
        guard let response = httpGet(port: port, path: "/json/list"),
              let targets = try? JSONSerialization.jsonObject(with: response) as? [[String: Any]] else { return nil }
        return targets.first { $0["type"] as? String == "page" }?["webSocketDebuggerUrl"] as? String
    }

    private static func httpGet(port: Int, path: String) -> Data? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { Glibc.close(fd) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) } }
        guard connected == 0 else { return nil }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ Glibc.send(fd, $0.baseAddress, $0.count, 0) }) == request.count else { return nil }
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            response.append(contentsOf: buffer[0..<count])
        }
        guard let split = response.range(of: Data("\r\n\r\n".utf8)),
              String(decoding: response[..<split.lowerBound], as: UTF8.self).hasPrefix("HTTP/1.1 200") else { return nil }
        return response[split.upperBound...]
    }

    private init(process: Process, profile: URL, socketURL: String) async throws {
        self.process = process
        self.profile = profile
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        outgoing = continuation
        var logger = Logger(label: "cdp")
        logger.logLevel = .critical
        var configuration = WebSocketClientConfiguration()
        configuration.maxFrameSize = 1 << 26
        configuration.autoPing = .disabled
        let box = ReceiverBox()
        connection = Task {
            try await WebSocketClient.connect(url: socketURL, configuration: configuration, logger: logger) { inbound, outbound, _ in
                box.markConnected()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await message in inbound.messages(maxSize: 1 << 26) {
                            if case .text(let text) = message { box.receive?(Data(text.utf8)) }
                        }
                    }
                    group.addTask {
                        for await text in stream { try await outbound.write(.text(text)) }
                    }
                    _ = try await group.next()
                    group.cancelAll()
                }
            }
        }
        box.receive = { [weak self] data in self?.receive(data) }
        let ready = await TestEnvironment.eventually(timeout: .seconds(15), every: .milliseconds(50)) { box.isConnected }
        guard ready else {
            process.terminate()
            connection.cancel()
            let reason = await connection.result
            throw Failure(description: "could not connect to Chromium's DevTools WebSocket \(socketURL): \(reason)")
        }
        _ = try await send("Page.enable")
        _ = try await send("Runtime.enable")
    }

    /// Holds the receive callback, set once the session exists.
    private final class ReceiverBox: @unchecked Sendable {
        private let lock = NSLock()
        private var connected = false
        private var callback: (@Sendable (Data) -> Void)?
        var receive: (@Sendable (Data) -> Void)? {
            get { lock.withLock { callback } }
            set { lock.withLock { callback = newValue } }
        }
        var isConnected: Bool { lock.withLock { connected } }
        func markConnected() { lock.withLock { connected = true } }
    }

    private func receive(_ data: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return }
        if let id = object["id"] as? Int {
            let continuation = lock.withLock { pending.removeValue(forKey: id) }
            continuation?.resume(returning: data)
        } else if object["method"] as? String == "Runtime.consoleAPICalled",
                  let params = object["params"] as? [String: Any], let args = params["args"] as? [[String: Any]] {
            let line = args.map { "\($0["value"] ?? $0["description"] ?? "")" }.joined(separator: " ")
            lock.withLock { consoleLines.append(line) }
        } else if object["method"] as? String == "Runtime.exceptionThrown" {
            lock.withLock { consoleLines.append("exception: \(object["params"] ?? "")") }
        }
    }

    /// What the page logged (console and uncaught exceptions).
    var console: [String] { lock.withLock { consoleLines } }

    /// One DevTools command; its `result` object. Throws on a protocol error or after `timeout`.
    @discardableResult
    func send(_ method: String, _ params: [String: Any] = [:], timeout: Duration = .seconds(20)) async throws -> [String: Any] {
        let id = lock.withLock { () -> Int in nextId += 1; return nextId }
        let text = String(decoding: try JSONSerialization.data(withJSONObject: ["id": id, "method": method, "params": params]), as: UTF8.self)
        let data: Data = try await withCheckedThrowingContinuation { continuation in
            lock.withLock { pending[id] = continuation }
            outgoing.yield(text)
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                guard let self else { return }
                let late = self.lock.withLock { self.pending.removeValue(forKey: id) }
                late?.resume(throwing: Failure(description: "DevTools \(method) timed out"))
            }
        }
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        if let error = object["error"] as? [String: Any] {
            throw Failure(description: "DevTools \(method): \(error["message"] ?? error)")
        }
        return object["result"] as? [String: Any] ?? [:]
    }

    /// Runs JavaScript in the page (awaiting a promise) and returns its value.
    func evaluate(_ expression: String) async throws -> Any? {
        let result = try await send("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = result["exceptionDetails"] as? [String: Any] {
            throw Failure(description: "page script failed: \(exception["text"] ?? "")  \((exception["exception"] as? [String: Any])?["description"] ?? "")")
        }
        return (result["result"] as? [String: Any])?["value"]
    }

    func navigate(_ url: String) async throws {
        try await send("Page.navigate", ["url": url])
        let loaded = await TestEnvironment.eventually(timeout: .seconds(20), every: .milliseconds(100)) {
            (try? await self.evaluate("document.readyState")) as? String == "complete"
        }
        guard loaded else { throw Failure(description: "\(url) did not finish loading") }
    }

    /// A real click: the mouse moves to the element's centre, presses and releases.
    func click(_ selector: String) async throws {
        let quoted = String(decoding: try JSONSerialization.data(withJSONObject: [selector]), as: UTF8.self)
        let rect = try await evaluate("""
            (() => { const el = document.querySelector(\(quoted)[0]); if (!el) return null;
                     el.scrollIntoView({block: "center"}); const r = el.getBoundingClientRect();
                     return [r.left + r.width / 2, r.top + r.height / 2, r.width, r.height]; })()
            """) as? [Double]
        guard let rect, rect.count == 4, rect[2] > 0, rect[3] > 0 else {
            throw Failure(description: "nothing visible to click at \(selector)")
        }
        for type in ["mouseMoved", "mousePressed", "mouseReleased"] {
            try await send("Input.dispatchMouseEvent", ["type": type, "x": rect[0], "y": rect[1], "button": "left", "clickCount": 1])
        }
    }

    /// Types text into the focused element (after a click on it).
    func type(_ text: String) async throws {
        try await send("Input.insertText", ["text": text])
    }

    /// Waits until `expression` evaluates to true in the page.
    func waitUntil(_ expression: String, timeout: Duration = .seconds(20)) async -> Bool {
        await TestEnvironment.eventually(timeout: timeout, every: .milliseconds(100)) {
            (try? await self.evaluate(expression)) as? Bool == true
        }
    }

    /// A PNG of the viewport (the whole page when `fullPage`), written to `url`.
    func screenshot(to url: URL, fullPage: Bool = true) async throws {
        var params: [String: Any] = ["format": "png"]
        if fullPage { params["captureBeyondViewport"] = true }
        let result = try await send("Page.captureScreenshot", params, timeout: .seconds(30))
        guard let base64 = result["data"] as? String, let data = Data(base64Encoded: base64) else {
            throw Failure(description: "no screenshot data")
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func close() async {
        _ = try? await send("Browser.close", timeout: .seconds(5))
        outgoing.finish()
        connection.cancel()
        if process.isRunning { process.terminate() }
        _ = await TestEnvironment.eventually(timeout: .seconds(5)) { !self.process.isRunning }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: profile)
    }
}
