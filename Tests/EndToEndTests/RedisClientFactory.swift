import RedisBus
import TestSupport

enum RedisClientFactory {
    static func make(_ url: String) -> RedisClient {
        RedisClient(configuration: try! RedisConfiguration(url: url), logger: TestEnvironment.logger)
    }
}
