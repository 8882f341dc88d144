import Foundation

/// The API's list reads: filters and keyset pagination over one table, newest first. The
/// cursor is the last row's (time, id); `next` is nil when the page was not full.
public enum ListPage {
    /// How one table is listed.
    public struct Table: Sendable {
        let name: String
        let columns: String
        let time: String
        let idCast: String
        let symbol: Bool
        let status: String?
        let strategy: String?
        let action: Bool

        /// SQL that holds for rows of strategy `$n`, given the table's link to `signals`.
        static let viaDecision = "decision_id IN (SELECT d.id FROM decisions d JOIN signals s ON s.id = d.signal_id WHERE s.strategy = $?)"
        static let viaSignal = "signal_id IN (SELECT id FROM signals WHERE strategy = $?)"
    }

    public static let positions = Table(
        name: "positions", columns: """
            id, decision_id, oco_group, trace, mode, symbol, side, quantity, open_quantity, entry_price, stop_price,
            stop_reason, target_price, target2_price, status, exit_reason, opened_at, closed_at
            """, time: "opened_at", idCast: "uuid", symbol: true, status: "status", strategy: Table.viaDecision, action: false)
    public static let orders = Table(
        name: "orders", columns: """
            id, client_order_id, decision_id, oco_group, leg, trace, mode, symbol, side, order_type, quantity,
            price, trigger_price, status, filled_quantity, average_price, status_detail, created_at, updated_at
            """, time: "created_at", idCast: "uuid", symbol: true, status: "status", strategy: Table.viaDecision, action: false)
    public static let trades = Table(
        name: "trades", columns: """
            id, position_id, signal_id, decision_id, entry_fill_id, exit_fill_id, trace, mode, symbol, side,
            quantity, entry_price, exit_price, gross_pnl, fees, net_pnl, exit_reason, r_multiple, mae, mfe,
            holding_seconds, opened_at, closed_at
            """, time: "closed_at", idCast: "uuid", symbol: true, status: "exit_reason", strategy: Table.viaSignal, action: false)
    public static let signals = Table(
        name: "signals", columns: """
            id, trace, strategy, symbol, side, entry_price, stop_price, target_price, target2_price, instrument,
            confidence, rationale, features, legs, regime, score, rank, passed, explanation, config_sha, timeframe,
            bar_start, created_at
            """, time: "created_at", idCast: "uuid", symbol: true, status: nil, strategy: "strategy = $?", action: false)
    public static let decisions = Table(
        name: "decisions", columns: """
            id, signal_id, client_plan_id, trace, status, mode, symbol, side, lots, lot_size, quantity,
            risk_amount, fees_estimate, heat_before, heat_after, margin_required, slices, verdicts, config_sha, created_at
            """, time: "created_at", idCast: "uuid", symbol: true, status: "status", strategy: Table.viaSignal, action: false)
    public static let audit = Table(
        name: "audit_log", columns: "id, actor, action, request, result, remote_addr, config_sha, created_at",
        time: "created_at", idCast: "bigint", symbol: false, status: nil, strategy: nil, action: true)

    /// The filters of one request. `from` is inclusive and `to` exclusive; times are
    /// ISO-8601 text checked by the caller; `after` is a decoded cursor (time, id).
    public struct Query: Sendable {
        public var from: String?
        public var to: String?
        public var symbol: String?
        public var status: String?
        public var strategy: String?
        public var action: String?
        public var after: (time: String, id: String)?
        public var limit: Int

        public init(limit: Int) { self.limit = limit }
    }

    /// The page as a JSON array and the cursor (`time|id`) of its last row when it was full.
    public static func json(_ table: Table, _ query: Query, on db: any SQLRunner) throws -> (body: String, next: String?) {
        var conditions: [String] = []
        var parameters: [(any PostgresEncodable)?] = []
        func add(_ sql: String, _ values: [String]) {
            var text = sql
            for value in values {
                parameters.append(value)
                text = text.replacingOccurrences(of: "$?", with: "$\(parameters.count)", options: [], range: text.range(of: "$?"))
            }
            conditions.append(text)
        }
        if let from = query.from { add("\(table.time) >= $?::timestamptz", [from]) }
        if let to = query.to { add("\(table.time) < $?::timestamptz", [to]) }
        if let symbol = query.symbol, table.symbol { add("symbol = $?", [symbol]) }
        if let status = query.status, let column = table.status { add("\(column) = $?", [status]) }
        if let strategy = query.strategy, let link = table.strategy { add(link, [strategy]) }
        if let action = query.action, table.action { add("action = $?", [action]) }
        if let after = query.after {
            add("(\(table.time), id) < ($?::timestamptz, $?::\(table.idCast))", [after.time, after.id])
        }
        parameters.append(query.limit)
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try db.query("""
            SELECT coalesce(json_agg(r), '[]'::json)::text AS body, count(*) AS n,
                   (array_agg(to_char(r.\(table.time) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '|' || r.id::text))[count(*)] AS last
            FROM (SELECT \(table.columns) FROM \(table.name) \(filter)
                  ORDER BY \(table.time) DESC, id DESC LIMIT $\(parameters.count)) r
            """, parameters)
        guard let row = rows.first else { return ("[]", nil) }
        let count = try row.int("n")
        return (try row.string("body"), count == query.limit ? try row.optionalString("last") : nil)
    }
}
