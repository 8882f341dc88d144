import Foundation
import TradingCore

/// Reads the desk's book for risk-gate: open positions, in-flight approvals, closed results
/// of the day and week, approvals today, and one instrument's facts.
public enum RiskStateRepository {
    /// `dayStart` / `weekStart` are IST midnights (today, this Monday) as instants.
    public static func ledger(dayStart: Date, weekStart: Date, inFlightSeconds: Int, on db: any SQLRunner) throws -> RiskLedger {
        var ledger = RiskLedger()
        ledger.open = try exposures("""
            SELECT p.symbol, p.side, p.quantity, p.entry_price AS entry, p.stop_price AS stop, i.name, i.instrument_type
            FROM positions p LEFT JOIN LATERAL (SELECT name, instrument_type FROM instruments WHERE tradingsymbol = p.symbol
                                                ORDER BY in_universe DESC LIMIT 1) i ON true
            WHERE p.status = 'OPEN'
            """, [], on: db)
        ledger.inFlight = try exposures("""
            SELECT d.symbol, d.side, d.quantity, s.entry_price AS entry, s.stop_price AS stop, i.name, i.instrument_type
            FROM decisions d JOIN signals s ON s.id = d.signal_id
            LEFT JOIN LATERAL (SELECT name, instrument_type FROM instruments WHERE tradingsymbol = d.symbol
                               ORDER BY in_universe DESC LIMIT 1) i ON true
            WHERE d.status = 'APPROVED' AND d.created_at > now() - make_interval(secs => $1)
              AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.decision_id = d.id)
            """, [inFlightSeconds], on: db)
        guard let row = try db.query("""
            SELECT coalesce(sum(t.net_pnl) FILTER (WHERE t.closed_at >= $1), 0) AS today,
                   coalesce(sum(t.net_pnl) FILTER (WHERE t.closed_at < $1), 0) AS before,
                   coalesce(sum(t.net_pnl / nullif(d.risk_amount, 0)) FILTER (WHERE t.closed_at >= $1), 0)::float8 AS r_today,
                   coalesce(sum(t.net_pnl / nullif(d.risk_amount, 0)) FILTER (WHERE t.closed_at >= $2), 0)::float8 AS r_week,
                   (SELECT count(*) FROM decisions WHERE status = 'APPROVED' AND created_at >= $1) AS approvals
            FROM trades t JOIN decisions d ON d.id = t.decision_id
            """, [dayStart, weekStart]).first else { return ledger }
        ledger.realisedToday = try row.paise("today")
        ledger.realisedBeforeToday = try row.paise("before")
        ledger.rToday = try row.double("r_today")
        ledger.rWeek = try row.double("r_week")
        ledger.tradesToday = try row.int("approvals")
        return ledger
    }

    private static func exposures(_ sql: String, _ parameters: [(any PostgresEncodable)?], on db: any SQLRunner) throws -> [OpenExposure] {
        try db.query(sql, parameters).map { row in
            let symbol = try row.string("symbol")
            return OpenExposure(symbol: symbol, underlying: try row.optionalString("name") ?? symbol,
                                kind: ContractKind(instrumentType: try row.optionalString("instrument_type") ?? ""),
                                side: Side(rawValue: try row.string("side")) ?? .buy, quantity: try row.int("quantity"),
                                entry: try row.paise("entry"), stop: try row.paise("stop"))
        }
    }

    /// The facts of a symbol (the universe row first), or nil when it is not in `instruments`.
    public static func instrument(symbol: String, on db: any SQLRunner) throws -> InstrumentFacts? {
        guard let row = try db.query("""
            SELECT tradingsymbol, name, instrument_type, lot_size, tick_size, freeze_quantity, in_universe
            FROM instruments WHERE tradingsymbol = $1 ORDER BY in_universe DESC LIMIT 1
            """, [symbol]).first else { return nil }
        let freeze = try row.optionalString("freeze_quantity").flatMap { Int($0) }
        return InstrumentFacts(symbol: symbol, underlying: try row.optionalString("name") ?? symbol,
                               kind: ContractKind(instrumentType: try row.optionalString("instrument_type") ?? ""),
                               lotSize: try row.int("lot_size"), tickSize: try row.paise("tick_size"),
                               freezeQuantity: freeze, inUniverse: try row.bool("in_universe"))
    }
}
