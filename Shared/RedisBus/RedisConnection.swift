import CHiredis
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One blocking hiredis connection. Not thread-safe: its owner calls it from one thread
/// only. After any error the context is unusable; the owner discards it and connects anew.
/// No pointer leaves this file.
final class RedisConnection {
    private let context: UnsafeMutablePointer<redisContext>

    init(configuration: RedisConfiguration) throws(RedisError) {
        let connectTimeout = Self.timeval(configuration.connectTimeout)
        guard let context = redisConnectWithTimeout(configuration.host, Int32(configuration.port), connectTimeout) else {
            throw .connectFailed("out of memory")
        }
        if context.pointee.err != 0 {
            let message = Self.errorString(context)
            redisFree(context)
            throw .connectFailed("\(configuration.host):\(configuration.port): \(message)")
        }
        if redisSetTimeout(context, Self.timeval(configuration.commandTimeout)) != REDIS_OK {
            redisFree(context)
            throw .connectFailed("cannot set the command timeout")
        }
        // From here on `deinit` owns the context.
        self.context = context
        if let password = configuration.password {
            let reply = try command(["AUTH", password])
            if case .error = reply { throw .connectFailed("authentication failed") }
        }
        if let name = configuration.clientName {
            let reply = try command(["CLIENT", "SETNAME", name.replacingOccurrences(of: " ", with: "_")])
            if case .error(let message) = reply { throw .connectFailed("CLIENT SETNAME failed: \(message)") }
        }
        if configuration.database != 0 {
            let reply = try command(["SELECT", String(configuration.database)])
            if case .error(let message) = reply { throw .connectFailed("SELECT failed: \(message)") }
        }
    }

    deinit {
        redisFree(context)
    }

    /// Sends one command and waits for its reply. A Redis error reply is returned as
    /// `.error`, not thrown; I/O failures throw.
    func command(_ arguments: [String]) throws(RedisError) -> RedisValue {
        try append(arguments)
        return try readReply()
    }

    /// Queues a command in the output buffer (pipelining); read its reply with `readReply`.
    func append(_ arguments: [String]) throws(RedisError) {
        let status = withArgv(arguments) { argc, argv, lengths in
            redisAppendCommandArgv(context, argc, argv, lengths)
        }
        guard status == REDIS_OK else { throw .io(Self.errorString(context)) }
    }

    /// Queues commands already written in the Redis protocol (see `RESPEncoder`).
    func appendFormatted(_ bytes: [UInt8]) throws(RedisError) {
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { redisAppendFormattedCommand(context, $0.baseAddress, $0.count) }
        }
        guard status == REDIS_OK else { throw .io(Self.errorString(context)) }
    }

    /// Flushes the output buffer if needed and blocks (up to the command timeout) for the next reply.
    func readReply() throws(RedisError) -> RedisValue {
        var raw: UnsafeMutableRawPointer?
        guard redisGetReply(context, &raw) == REDIS_OK, let raw else {
            throw .io(Self.errorString(context))
        }
        let reply = raw.assumingMemoryBound(to: redisReply.self)
        defer { freeReplyObject(raw) }
        return Self.decode(reply)
    }

    /// Writes everything queued by `append` to the socket.
    func flush() throws(RedisError) {
        var done: Int32 = 0
        while done == 0 {
            guard redisBufferWrite(context, &done) == REDIS_OK else { throw .io(Self.errorString(context)) }
        }
    }

    /// A reply already buffered, or nil; then waits up to `timeoutMilliseconds` for the
    /// socket to become readable and reads what arrived. Never leaves the context in an
    /// error state on a quiet socket, so a subscriber can poll for shutdown.
    func pollReply(timeoutMilliseconds: Int32) throws(RedisError) -> RedisValue? {
        if let buffered = try bufferedReply() { return buffered }
        var descriptor = pollfd(fd: context.pointee.fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, timeoutMilliseconds)
        if ready < 0 {
            if errno == EINTR { return nil }
            throw .io("poll failed: errno \(errno)")
        }
        guard ready > 0 else { return nil }
        guard redisBufferRead(context) == REDIS_OK else { throw .io(Self.errorString(context)) }
        return try bufferedReply()
    }

    private func bufferedReply() throws(RedisError) -> RedisValue? {
        var raw: UnsafeMutableRawPointer?
        guard redisGetReplyFromReader(context, &raw) == REDIS_OK else { throw .io(Self.errorString(context)) }
        guard let raw else { return nil }
        defer { freeReplyObject(raw) }
        return Self.decode(raw.assumingMemoryBound(to: redisReply.self))
    }

    /// Calls `body` with argv/argvlen arrays of C copies of `arguments`; the copies are
    /// freed when it returns (binary-safe: lengths are passed, not NUL-terminated reads).
    private func withArgv<T>(_ arguments: [String], _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> T) -> T {
        var owned: [UnsafeMutablePointer<CChar>] = []
        owned.reserveCapacity(arguments.count)
        defer { owned.forEach { $0.deallocate() } }
        var lengths: [Int] = []
        lengths.reserveCapacity(arguments.count)
        for argument in arguments {
            let bytes = Array(argument.utf8)
            let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (index, byte) in bytes.enumerated() { copy[index] = CChar(bitPattern: byte) }
            copy[bytes.count] = 0
            owned.append(copy)
            lengths.append(bytes.count)
        }
        var argv: [UnsafePointer<CChar>?] = owned.map { UnsafePointer($0) }
        return argv.withUnsafeMutableBufferPointer { argvBuffer in
            lengths.withUnsafeBufferPointer { lengthBuffer in
                body(Int32(arguments.count), argvBuffer.baseAddress!, lengthBuffer.baseAddress!)
            }
        }
    }

    private static func decode(_ reply: UnsafeMutablePointer<redisReply>) -> RedisValue {
        let value = reply.pointee
        switch value.type {
        case REDIS_REPLY_STRING:
            return .string(string(value.str, value.len))
        case REDIS_REPLY_STATUS:
            return .status(string(value.str, value.len))
        case REDIS_REPLY_ERROR:
            return .error(string(value.str, value.len))
        case REDIS_REPLY_INTEGER:
            return .integer(value.integer)
        case REDIS_REPLY_ARRAY:
            var elements: [RedisValue] = []
            elements.reserveCapacity(value.elements)
            for index in 0..<value.elements {
                if let element = value.element[index] { elements.append(decode(element)) } else { elements.append(.null) }
            }
            return .array(elements)
        default:
            return .null
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<CChar>?, _ length: Int) -> String {
        guard let pointer, length > 0 else { return "" }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    private static func errorString(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { bytes in
            String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
    }

    private static func timeval(_ duration: Duration) -> timeval {
        let (seconds, attoseconds) = duration.components
        return Glibc.timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
