/// `config_versions`: the exact configuration each decision was made under.
public enum ConfigVersionRepository {
    public static func record(sha: String, service: String, body: String, on db: any SQLRunner) throws {
        try db.query("INSERT INTO config_versions (config_sha, service, body) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                     [sha, service, body])
    }
}
