import ServiceLifecycle

/// Puts the desk in PAPER once Redis and Postgres answer, then waits for shutdown.
struct StartupReset: Service {
    let commands: ControlCommands

    func run() async throws {
        await commands.resetToPaperWithRetry()
        try? await gracefulShutdown()
    }
}
