import Foundation
import TradingCore

/// `bars`: closed bars by (symbol, timeframe, start). Inserts are batched multi-row statements
/// over `unnest` that skip a bar already stored (`ON CONFLICT DO NOTHING`), so writing the same
/// bars twice (a restarted replay, an import run again) changes nothing.
public enum BarRepository {
    /// One bar with its length in seconds.
    public struct Row: Sendable, Hashable {
        public var bar: Bar
        public var timeframeSeconds: Int

        public init(bar: Bar, timeframeSeconds: Int) {
            self.bar = bar
            self.timeframeSeconds = timeframeSeconds
        }
    }

    /// Rows per statement.
    public static let batchSize = 5_000

    /// Inserts the rows (in statements of `batchSize`); returns how many were new.
    @discardableResult
    public static func insert(_ rows: [Row], on db: any SQLRunner) throws -> Int {
        var inserted = 0
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(start + batchSize, rows.count)]
            var columns: [[(any PostgresEncodable)?]] = Array(repeating: [], count: 8)
            for index in columns.indices { columns[index].reserveCapacity(batch.count) }
            for row in batch {
                let bar = row.bar
                columns[0].append(bar.symbol)
                columns[1].append(row.timeframeSeconds)
                columns[2].append(Int64(bar.start.timeIntervalSince1970.rounded(.down)))
                columns[3].append(bar.open.value)
                columns[4].append(bar.high.value)
                columns[5].append(bar.low.value)
                columns[6].append(bar.close.value)
                columns[7].append(bar.volume)
            }
            let result = try db.query("""
                WITH inserted AS (
                    INSERT INTO bars (symbol, timeframe_seconds, start, open, high, low, close, volume)
                    SELECT u.symbol, u.timeframe_seconds, to_timestamp(u.start_s), u.open, u.high, u.low, u.close, u.volume
                    FROM unnest($1::text[], $2::integer[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[],
                                $8::bigint[]) AS u(symbol, timeframe_seconds, start_s, open, high, low, close, volume)
                    ON CONFLICT (symbol, timeframe_seconds, start) DO NOTHING
                    RETURNING 1)
                SELECT count(*) AS n FROM inserted
                """, columns.map { PostgresArray.literal($0) })
            inserted += try result.first?.int("n") ?? 0
            start += batch.count
        }
        return inserted
    }

    /// One symbol's bars of one length, ordered by start, limited to the IST days `fromDay`…`toDay`
    /// (`yyyy-MM-dd`, inclusive; nil: unbounded).
    public static func range(symbol: String, timeframeSeconds: Int, fromDay: String?, toDay: String?,
                             on db: any SQLRunner) throws -> [Bar] {
        let rows = try db.query("""
            SELECT extract(epoch FROM start)::bigint AS start_s, open, high, low, close, volume FROM bars
            WHERE symbol = $1 AND timeframe_seconds = $2
              AND ($3::date IS NULL OR start >= ($3::date)::timestamp AT TIME ZONE 'Asia/Kolkata')
              AND ($4::date IS NULL OR start < ($4::date + 1)::timestamp AT TIME ZONE 'Asia/Kolkata')
            ORDER BY start
            """, [symbol, timeframeSeconds, fromDay, toDay])
        var bars: [Bar] = []
        bars.reserveCapacity(rows.count)
        for row in rows {
            let values = row.values
            guard values.count == 6, let start = values[0].flatMap({ Int64($0) }),
                  let open = values[1].flatMap({ Int64($0) }), let high = values[2].flatMap({ Int64($0) }),
                  let low = values[3].flatMap({ Int64($0) }), let close = values[4].flatMap({ Int64($0) }),
                  let volume = values[5].flatMap({ Int64($0) }) else {
                throw PostgresError.decode("bars: a row of \(symbol) is not six integers: \(row.values)")
            }
            bars.append(Bar(symbol: symbol, start: Date(timeIntervalSince1970: Double(start)), open: Paise(open), high: Paise(high),
                            low: Paise(low), close: Paise(close), volume: volume))
        }
        return bars
    }

    /// How many bars are stored for a symbol and length (all days).
    public static func count(symbol: String, timeframeSeconds: Int, on db: any SQLRunner) throws -> Int {
        try db.query("SELECT count(*) AS n FROM bars WHERE symbol = $1 AND timeframe_seconds = $2", [symbol, timeframeSeconds])
            .first?.int("n") ?? 0
    }
}
