/// Read models for the API: Postgres renders the rows as one JSON array.
enum JSONQuery {
    static func array(_ sql: String, _ parameters: [(any PostgresEncodable)?], on db: any SQLRunner) throws -> String {
        let rows = try db.query("SELECT coalesce(json_agg(r), '[]'::json)::text AS body FROM (\(sql)) r", parameters)
        return try rows.first?.string("body") ?? "[]"
    }
}
