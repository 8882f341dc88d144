/// Writes commands in the Redis protocol (RESP arrays of bulk strings), the bytes that
/// `redisAppendCommandArgv` would produce, so a whole pipeline is formatted in one buffer
/// by the caller and handed to hiredis with one call.
public enum RESPEncoder {
    public static func append(_ arguments: [String], to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "*"))
        appendDecimal(arguments.count, to: &buffer)
        for argument in arguments {
            buffer.append(UInt8(ascii: "$"))
            appendDecimal(argument.utf8.count, to: &buffer)
            buffer.append(contentsOf: argument.utf8)
            buffer.append(13)
            buffer.append(10)
        }
    }

    public static func encode(_ commands: [[String]]) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(commands.reduce(0) { total, command in total + command.reduce(16) { $0 + $1.utf8.count + 16 } })
        for command in commands { append(command, to: &buffer) }
        return buffer
    }

    /// `<n>\r\n` in ASCII.
    private static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        if value < 10 {
            buffer.append(UInt8(48 + value))
        } else {
            var digits: [UInt8] = []
            var rest = value
            while rest > 0 { digits.append(UInt8(48 + rest % 10)); rest /= 10 }
            buffer.append(contentsOf: digits.reversed())
        }
        buffer.append(13)
        buffer.append(10)
    }
}
