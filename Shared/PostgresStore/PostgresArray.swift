/// A Postgres array literal (`{"a","b",NULL}`) of text parameters, for multi-row statements
/// over `unnest($1::uuid[], $2::text[], …)`: one round trip instead of one per row.
public enum PostgresArray {
    public static func literal(_ values: [(any PostgresEncodable)?]) -> String {
        "{" + values.map { value -> String in
            guard let value else { return "NULL" }
            var quoted = "\""
            for character in value.postgresText {
                if character == "\"" || character == "\\" { quoted.append("\\") }
                quoted.append(character)
            }
            return quoted + "\""
        }.joined(separator: ",") + "}"
    }
}
