/// The configuration's one shape: a parsed YAML tree flattened to `section.key` → text,
/// lists joined by commas, null as "". Used by the services' `AppConfig` and by the
/// `aitrapp` CLI, so both read `aitrapp.yaml` the same way.
public enum ConfigFlattener {
    public static func flatten(_ node: Any?) -> [String: String] {
        var values: [String: String] = [:]
        func walk(_ value: Any?, prefix: String) {
            switch value {
            case let map as [String: Any]:
                for (key, child) in map { walk(child, prefix: prefix.isEmpty ? key : prefix + "." + key) }
            case let list as [Any]:
                values[prefix] = list.map { "\($0)" }.joined(separator: ",")
            case nil:
                values[prefix] = ""
            case let other?:
                values[prefix] = "\(other)"
            }
        }
        walk(node, prefix: "")
        return values
    }
}
