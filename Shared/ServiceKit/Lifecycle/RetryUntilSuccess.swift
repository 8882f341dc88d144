import Logging
import ServiceLifecycle

/// Runs `attempt` until it succeeds, waiting 200 ms, then doubling up to 5 s, between
/// failures; each failure is logged with `message`. Stops early on cancellation or graceful
/// shutdown, and at once (returning false) when `isFinal` says retrying cannot help.
/// Returns true when `attempt` succeeded.
@discardableResult
public func retryUntilSuccess(isolation: isolated (any Actor)? = #isolation, logger: Logger, message: Logger.Message,
                              isFinal: (any Error) -> Bool = { _ in false },
                              _ attempt: () async throws -> Void) async -> Bool {
    var delay = Duration.milliseconds(200)
    while !Task.isCancelled && !Task.isShuttingDownGracefully {
        do {
            try await attempt()
            return true
        } catch {
            if isFinal(error) { return false }
            logger.warning(message, metadata: ["error": "\(error)"])
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(5))
        }
    }
    return false
}
