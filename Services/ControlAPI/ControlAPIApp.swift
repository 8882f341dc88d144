import Hummingbird
import HummingbirdWebSocket
import ServiceKit

/// control-api: the operator's HTTP interface (default 127.0.0.1:8000). Every start is
/// PAPER; LIVE needs the typed phrase and broker credentials and lasts until restart.
@main
struct ControlAPIApp {
    static func main() async {
        let context = ServiceKitContext.bootstrap(service: "control-api")
        let host = context.config.string("control_api.host", default: "127.0.0.1")
        let port = context.require { try context.config.int("control_api.port", default: 8000) }
        let tokens = context.require { try TokenStore(config: context.config) }
        if tokens.isEmpty {
            context.logger.warning("no API tokens configured: every route but /health answers 401")
        }
        let commands = ControlCommands(context: context)
        let buffer = context.require { try context.config.int("control_api.ws_buffer", default: 256) }
        let heartbeatMs = context.require { try context.config.int("control_api.ws_heartbeat_ms", default: 5000) }
        let hub = StreamHub(configuration: context.redisConfiguration.named("control-api.ws"), capacity: max(1, buffer),
                            heartbeat: .milliseconds(max(100, heartbeatMs)), logger: context.logger)
        let app = Application(
            router: APIRoutes.make(commands: commands, context: context, tokens: tokens),
            server: .http1WebSocketUpgrade(
                webSocketRouter: StreamRoute.upgradeRouter(hub: hub, tokens: tokens, clock: context.clock),
                configuration: .init(ws: .init(maxFrameSize: 1 << 22, autoPing: .enabled(timePeriod: .seconds(30))))),
            configuration: .init(address: .hostname(host, port: port)), logger: context.logger)
        // The API serves (health, state, flatten) while the PAPER reset waits for Redis and Postgres.
        // The stream hub stops first on shutdown, which ends every /ws connection.
        await context.run([context.heartbeat(), app, StartupReset(commands: commands), hub])
    }
}
