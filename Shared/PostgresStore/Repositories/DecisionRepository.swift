import Foundation
import Messages
import TradingCore

/// `decisions`: one per signal, keyed by `client_plan_id`.
public enum DecisionRepository {
    /// Inserts a decision with every gate verdict (JSON) and the numbers behind the size;
    /// returns false when the plan id exists (a replayed signal), which leaves the first one.
    public static func insert(id: UUID, signalId: UUID, clientPlanId: String, trace: String, mode: TradingMode,
                              signal: TradeSignal, decision: RiskDecision, configSha: String, on db: any SQLRunner) throws -> Bool {
        let encoder = MessageCoding.makeEncoder()
        let verdicts = String(decoding: try encoder.encode(decision.verdicts), as: UTF8.self)
        let slices = String(decoding: try encoder.encode(decision.slices), as: UTF8.self)
        let rows = try db.query("""
            INSERT INTO decisions (id, signal_id, client_plan_id, trace, status, mode, symbol, side, lots, lot_size,
                                   quantity, risk_amount, verdicts, config_sha, fees_estimate, heat_before, heat_after,
                                   margin_required, slices)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $16, $17, $18, $19::jsonb)
            ON CONFLICT DO NOTHING
            RETURNING id
            """, [id, signalId, clientPlanId, trace, decision.approved ? "APPROVED" : "REJECTED", mode.rawValue,
                  signal.symbol, signal.side.rawValue, decision.lots, decision.lotSize, decision.quantity,
                  decision.riskAmount, verdicts, configSha, decision.fees, decision.heatBefore, decision.heatAfter,
                  decision.marginRequired, slices])
        return !rows.isEmpty
    }

    /// Open positions, plus entries approved in the last minute that the executor has not
    /// acted on yet (in flight). An approval never executed stops counting after a minute.
    public static func openExposureCount(on db: any SQLRunner) throws -> Int {
        let rows = try db.query("""
            SELECT (SELECT count(*) FROM positions WHERE status = 'OPEN')
                 + (SELECT count(*) FROM decisions d
                    WHERE d.status = 'APPROVED' AND d.created_at > now() - interval '60 seconds'
                      AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.decision_id = d.id)) AS n
            """)
        return try rows.first?.int("n") ?? 0
    }

    public static func recentJSON(limit: Int, on db: any SQLRunner) throws -> String {
        try JSONQuery.array("""
            SELECT id, signal_id, client_plan_id, trace, status, mode, symbol, side, lots, lot_size, quantity,
                   risk_amount, fees_estimate, heat_before, heat_after, margin_required, slices, verdicts, config_sha, created_at
            FROM decisions ORDER BY created_at DESC LIMIT $1
            """, [limit], on: db)
    }
}

extension DecisionRepository {
    /// The plan id of a decision (for rebuilding child order ids after a restart).
    public static func planId(decisionId: UUID, on db: any SQLRunner) throws -> String? {
        try db.query("SELECT client_plan_id FROM decisions WHERE id = $1", [decisionId]).first?.string("client_plan_id")
    }
}

extension DecisionRepository {
    /// An approved decision as the executor needs it to place the entry.
    public struct Executable: Sendable, Hashable {
        public var payload: DecisionPayload
        public var trace: String
    }

    /// Approved decisions younger than `maxAgeSeconds` with no order at all: approvals the
    /// executor missed (pub/sub is at most once) or crashed before acting on.
    public static func approvedWithoutOrder(maxAgeSeconds: Int, on db: any SQLRunner) throws -> [Executable] {
        try executables(where: """
            d.status = 'APPROVED' AND d.created_at > now() - make_interval(secs => $1)
              AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.decision_id = d.id)
            """, [maxAgeSeconds], on: db)
    }

    /// One decision with its signal's levels (to rebuild an OCO plan after a restart).
    public static func executable(decisionId: UUID, on db: any SQLRunner) throws -> Executable? {
        try executables(where: "d.id = $1", [decisionId], on: db).first
    }

    private static func executables(where condition: String, _ parameters: [(any PostgresEncodable)?],
                                    on db: any SQLRunner) throws -> [Executable] {
        try db.query("""
            SELECT d.id, d.signal_id, d.client_plan_id, d.trace, d.symbol, d.side, d.lots, d.lot_size, d.quantity,
                   d.risk_amount, s.entry_price, s.stop_price, s.target_price
            FROM decisions d JOIN signals s ON s.id = d.signal_id
            WHERE \(condition)
            ORDER BY d.created_at
            """, parameters).map { row in
            Executable(payload: DecisionPayload(
                decisionId: try row.uuid("id"), signalId: try row.uuid("signal_id"), clientPlanId: try row.string("client_plan_id"),
                approved: true, symbol: try row.string("symbol"), side: try row.string("side"), lots: try row.int("lots"),
                lotSize: try row.int("lot_size"), quantity: try row.int("quantity"), entryPaise: try row.paise("entry_price").value,
                stopPaise: try row.paise("stop_price").value, targetPaise: try row.paise("target_price").value,
                riskPaise: try row.paise("risk_amount").value, verdicts: []), trace: try row.string("trace"))
        }
    }
}
