import Foundation
import Messages
import PostgresStore
import Testing
import TestSupport
import TradingCore

/// The executor binary on real Redis and Postgres: OCO with TP1/TP2 and breakeven,
/// partial fills, the kill switch, idempotent decisions and a `kill -9` restart.
/// Long NIFTY, entry ₹100.00, stop ₹98.00 (R = ₹2.00): TP1 ₹102.40 (1.2R), TP2 ₹104.00 (2R).
@Suite("End to end: executor", .serialized)
struct ExecutorEndToEndTests {
    static let entry = Paise(10_000)
    static let stop = Paise(9_800)
    static let target = Paise(10_240)

    private func withHarness(_ environment: [String: String] = [:], _ body: (ExecutorHarness) async throws -> Void) async throws {
        let harness = try await ExecutorHarness(environment: environment)
        do {
            try await body(harness)
        } catch {
            print("---- executor log ----\n\(harness.stack.log("executor").suffix(4000))")
            await harness.shutdown()
            throw error
        }
        await harness.shutdown()
    }

    @Test("golden path: tick → entry → TP1 (stop to breakeven) → TP2 → trade with P&L, R and reason")
    func goldenPath() async throws {
        try await withHarness { h in
            try await h.startExecutor()
            let decision = try await h.seedDecision(lots: 2, entry: Self.entry, stop: Self.stop, target: Self.target)
            #expect(try await h.publishAndFill(decision, at: Self.entry))
            #expect(await h.waitFor("SELECT count(*) AS n FROM orders WHERE leg IN ('STOP','TARGET','TARGET2') AND status = 'OPEN'",
                                    equals: 3))
            let children = try await h.db.query("""
                SELECT leg, order_type, quantity, price, trigger_price FROM orders WHERE leg <> 'ENTRY' ORDER BY leg
                """)
            #expect(try children.map { "\(try $0.string("leg")) \(try $0.string("order_type")) \(try $0.int("quantity"))" }
                == ["STOP SL-M 150", "TARGET LIMIT 75", "TARGET2 LIMIT 75"])
            #expect(try children[0].paise("trigger_price") == Self.stop)
            #expect(try children[1].paise("price") == Paise(10_240))
            #expect(try children[2].paise("price") == Paise(10_400))

            try await h.tick(last: Paise(10_240), minutes: 1)   // TP1
            #expect(await h.waitFor("""
                SELECT count(*) AS n FROM orders WHERE leg = 'STOP' AND status = 'OPEN' AND quantity = 75 AND trigger_price = 100.00
                """, equals: 1))
            try await h.tick(last: Paise(10_400), minutes: 2)   // TP2
            #expect(await h.waitFor("SELECT count(*) AS n FROM trades", equals: 1))
            let trade = try #require(try await h.db.query("""
                SELECT exit_reason, quantity, entry_price, exit_price, gross_pnl, fees, net_pnl, r_multiple, holding_seconds, mae, mfe
                FROM trades
                """).first)
            #expect(try trade.string("exit_reason") == "TARGET2")
            #expect(try trade.int("quantity") == 150)
            #expect(try trade.paise("entry_price") == Self.entry)
            #expect(try trade.paise("exit_price") == Paise(10_320))          // (102.40 + 104.00) / 2
            #expect(try trade.paise("gross_pnl") == Paise(48_000))           // 75 × 2.40 + 75 × 4.00
            // F&O charges per fill (risk_gate.charges defaults), each component rounded to the paisa:
            // buy 150 @ ₹100 (₹15,000): brokerage ₹4.50, exchange ₹0.27, SEBI ₹0.02, stamp ₹0.30, GST ₹0.86 = ₹5.95;
            // sell 75 @ ₹102.40 (₹7,680): ₹2.30 + ₹0.14 + ₹0.01 + STT ₹3.84 + GST ₹0.44 = ₹6.73;
            // sell 75 @ ₹104 (₹7,800): ₹2.34 + ₹0.14 + ₹0.01 + STT ₹3.90 + GST ₹0.45 = ₹6.84.
            #expect(try trade.paise("fees") == Paise(1_952))
            #expect(try trade.paise("net_pnl") == Paise(46_048))
            #expect(abs(try trade.double("r_multiple") - 460.48 / 300) < 1e-6)   // net / (2.00 × 150)
            #expect(try trade.paise("mfe") == Paise(60_000))                 // 4.00 × 150
            #expect(await h.waitFor("SELECT count(*) AS n FROM orders WHERE status = 'OPEN'", equals: 0))
            #expect(try await h.count("SELECT count(*) AS n FROM positions WHERE status = 'CLOSED' AND exit_reason = 'TARGET2'") == 1)
            let trace = try await h.traceOf(decision)
            #expect(await TestEnvironment.eventually(timeout: .seconds(5)) {
                let types = Set(h.recorder.events(trace: trace).map { $0.header.type })
                return [.orderPlaced, .orderModified, .orderFilled, .orderCancelled, .fillCreated, .positionOpened,
                        .positionUpdated, .positionClosed, .tradeClosed].allSatisfy(types.contains)
            })
        }
    }

    @Test("partial entry fill: 30% then the rest; average price right, stop and targets resized")
    func partialFillThenRest() async throws {
        try await withHarness(["AITRAPP_EXECUTOR_PAPER_PARTIAL_FILL_PROBABILITY": "1",
                               "AITRAPP_EXECUTOR_PAPER_PARTIAL_FILL_FRACTION": "0.3"]) { h in
            try await h.startExecutor()
            let decision = try await h.seedDecision(lots: 10, entry: Self.entry, stop: Self.stop, target: Self.target)
            // bid 99.95 / ask 100.05: a buy pays the ask plus half the spread = 100.10
            #expect(try await h.publishAndFill(decision, at: Self.entry, halfSpread: Paise(5)))
            #expect(await h.waitFor("SELECT quantity AS n FROM positions", equals: 225))
            let first = try await h.db.query("SELECT leg, quantity FROM orders WHERE leg <> 'ENTRY' AND status = 'OPEN' ORDER BY leg")
            #expect(try first.map { "\(try $0.string("leg")) \(try $0.int("quantity"))" } == ["STOP 225", "TARGET 75", "TARGET2 150"])
            // The rest at bid 100.95 / ask 101.05 → 101.10.
            try await h.tick(last: Paise(10_100), halfSpread: Paise(5), minutes: 1)
            #expect(await h.waitFor("SELECT quantity AS n FROM positions", equals: 750))
            let position = try #require(try await h.db.query("SELECT entry_price, open_quantity FROM positions").first)
            #expect(try position.paise("entry_price") == Paise(10_080))    // (225 × 100.10 + 525 × 101.10) / 750
            #expect(try position.int("open_quantity") == 750)
            let entryOrder = try #require(try await h.db.query("SELECT status, filled_quantity, average_price FROM orders WHERE leg = 'ENTRY'").first)
            #expect(try entryOrder.string("status") == "FILLED")
            #expect(try entryOrder.int("filled_quantity") == 750)
            #expect(try entryOrder.paise("average_price") == Paise(10_080))
            let resized = try await h.db.query("SELECT leg, quantity FROM orders WHERE leg <> 'ENTRY' AND status = 'OPEN' ORDER BY leg")
            #expect(try resized.map { "\(try $0.string("leg")) \(try $0.int("quantity"))" } == ["STOP 750", "TARGET 375", "TARGET2 375"])
            #expect(try await h.count("SELECT count(*) AS n FROM fills") == 2)
        }
    }

    @Test("TP1, then the stop at breakeven: trade closed as BREAKEVEN_STOP, TP2 cancelled")
    func target1ThenBreakeven() async throws {
        try await withHarness { h in
            try await h.startExecutor()
            let decision = try await h.seedDecision(lots: 2, entry: Self.entry, stop: Self.stop, target: Self.target)
            #expect(try await h.publishAndFill(decision, at: Self.entry))
            #expect(await h.waitFor("SELECT count(*) AS n FROM orders WHERE leg = 'STOP' AND status = 'OPEN'", equals: 1))
            try await h.tick(last: Paise(10_250), minutes: 1)
            #expect(await h.waitFor("SELECT count(*) AS n FROM positions WHERE stop_reason = 'BREAKEVEN_STOP' AND stop_price = 100.00",
                                    equals: 1))
            #expect(try await h.count("SELECT count(*) AS n FROM orders WHERE leg = 'STOP' AND status = 'OPEN' AND quantity = 75") == 1)
            try await h.tick(last: Paise(9_990), minutes: 2)
            #expect(await h.waitFor("SELECT count(*) AS n FROM trades WHERE exit_reason = 'BREAKEVEN_STOP'", equals: 1))
            let trade = try #require(try await h.db.query("SELECT gross_pnl, fees, net_pnl FROM trades").first)
            #expect(try trade.paise("gross_pnl") == Paise(17_250))   // 75 × 2.40 − 75 × 0.10
            // Charges: ₹5.95 (entry) + ₹6.73 (TP1) + sell 75 @ ₹99.90 (₹7,492.50: brokerage ₹2.25, exchange ₹0.14,
            // SEBI ₹0.01, STT ₹3.75, GST ₹0.43 = ₹6.58) = ₹19.26.
            #expect(try trade.paise("fees") == Paise(1_926))
            #expect(try trade.paise("net_pnl") == Paise(15_324))
            #expect(try await h.count("SELECT count(*) AS n FROM orders WHERE leg = 'TARGET2' AND status = 'CANCELLED'") == 1)
            #expect(try await h.count("SELECT count(*) AS n FROM orders WHERE status = 'OPEN'") == 0)
        }
    }

    @Test("the ATR trail reads md.bar's ATR in rupees: ₹2.00 puts the stop 1.2 × ₹2.00 behind the best price")
    func atrTrailFromTheBar() async throws {
        try await withHarness { h in
            try await h.startExecutor()
            let bar = BarPayload(symbol: "NIFTY", timeframe: "1m", start: ExecutorHarness.marketStart.addingTimeInterval(-60),
                                 openPaise: 10_000, highPaise: 10_100, lowPaise: 9_900, closePaise: 10_000, volume: 0,
                                 indicators: ["atr_14": 2.0])
            try await h.publish(.bar, on: Channel.bar("1m", "NIFTY"), trace: TraceID.make(), payload: bar)
            // Stop ₹90.00 (R = ₹10): TP1 ₹112.00 is out of the way.
            let decision = try await h.seedDecision(lots: 1, entry: Self.entry, stop: Paise(9_000), target: Paise(11_200))
            #expect(try await h.publishAndFill(decision, at: Self.entry))
            #expect(await h.waitFor("SELECT count(*) AS n FROM orders WHERE leg = 'STOP' AND status = 'OPEN'", equals: 1))
            try await h.tick(last: Paise(10_400), minutes: 1)
            #expect(await h.waitFor("SELECT count(*) AS n FROM positions WHERE stop_reason = 'TRAILING_STOP' AND stop_price = 101.60",
                                    equals: 1))
            try await h.tick(last: Paise(10_150), minutes: 2)
            #expect(await h.waitFor("SELECT count(*) AS n FROM trades WHERE exit_reason = 'TRAILING_STOP'", equals: 1))
        }
    }

    @Test("three open positions → flatten → none open, no working orders, every row updated, duration reported")
    func flattenThree() async throws {
        try await withHarness { h in
            try await h.startExecutor()
            for symbol in ["NIFTY", "BANKNIFTY", "FINNIFTY"] {
                let decision = try await h.seedDecision(symbol: symbol, lots: 1, entry: Self.entry, stop: Self.stop, target: Self.target)
                try await h.publish(decision)
                #expect(await h.waitFor("SELECT count(*) AS n FROM orders WHERE leg = 'ENTRY' AND symbol = $1", [symbol], equals: 1))
                try await h.tick(symbol, last: Self.entry, minutes: 0)
            }
            #expect(await h.waitFor("SELECT count(*) AS n FROM positions WHERE status = 'OPEN'", equals: 3))
            #expect(await h.waitFor("SELECT count(*) AS n FROM orders WHERE status = 'OPEN'", equals: 6))   // stop + TP1 each (one lot)
            try await h.publish(.controlFlatten, on: Channel.control, trace: TraceID.make(), payload: ControlPayload(actor: "e2e", reason: "test"))
            #expect(await h.waitFor("SELECT count(*) AS n FROM positions WHERE status = 'OPEN'", equals: 0))
            #expect(await h.waitFor("SELECT count(*) AS n FROM orders WHERE status = 'OPEN'", equals: 0))
            #expect(try await h.count("SELECT count(*) AS n FROM trades WHERE exit_reason = 'FLATTEN'") == 3)
            #expect(try await h.count("SELECT count(*) AS n FROM orders WHERE leg = 'EXIT' AND status = 'FILLED'") == 3)
            #expect(try await h.count("SELECT count(*) AS n FROM orders WHERE leg IN ('STOP','TARGET') AND status = 'CANCELLED'") == 6)
            #expect(try await h.count("SELECT count(*) AS n FROM positions WHERE closed_at IS NULL OR open_quantity <> 0") == 0)
            #expect(await TestEnvironment.eventually(timeout: .seconds(5)) {
                h.recorder.all.contains { $0.header.type == .flattenCompleted && $0.raw.contains("\"flat\":true")
                    && $0.raw.contains("\"positionsClosed\":3") }
            })
        }
    }

    @Test("a stop the exchange keeps rejecting is placed again first, then CRITICAL risk event and closed at market")
    func stopRejectedTwice() async throws {
        // A 1 % price band: the stop at ₹98.00 (2 % below ₹100.00) and the targets are refused.
        try await withHarness(["AITRAPP_EXECUTOR_PAPER_PRICE_BAND_PCT": "1"]) { h in
            try await h.startExecutor()
            let decision = try await h.seedDecision(lots: 1, entry: Self.entry, stop: Self.stop, target: Self.target)
            #expect(try await h.publishAndFill(decision, at: Self.entry))
            #expect(await h.waitFor("SELECT count(*) AS n FROM trades WHERE exit_reason = 'STOP_REJECTED'", equals: 1))
            // Two stop orders (the first and the one placed again), both refused; one CRITICAL event.
            #expect(try await h.count("SELECT count(*) AS n FROM orders WHERE leg = 'STOP' AND status = 'REJECTED'") == 2)
            #expect(try await h.count("SELECT count(*) AS n FROM orders WHERE leg = 'STOP'") == 2)
            #expect(try await h.count("""
                SELECT count(*) AS n FROM risk_events WHERE kind = 'oco_stop_rejected' AND severity = 'CRITICAL'
                """) == 1)
            #expect(try await h.count("SELECT count(*) AS n FROM orders WHERE leg = 'EXIT' AND status = 'FILLED'") == 1)
            #expect(await h.waitFor("SELECT count(*) AS n FROM positions WHERE status = 'OPEN'", equals: 0))
            #expect(await h.waitFor("SELECT count(*) AS n FROM orders WHERE status = 'OPEN'", equals: 0))
        }
    }

    @Test("a decision published twice places one order")
    func duplicateDecision() async throws {
        try await withHarness { h in
            try await h.startExecutor()
            let decision = try await h.seedDecision(lots: 1, entry: Self.entry, stop: Self.stop, target: Self.target)
            try await h.publish(decision)
            #expect(try await h.publishAndFill(decision, at: Self.entry))
            try await h.publish(decision)
            #expect(await h.waitFor("SELECT count(*) AS n FROM orders WHERE leg = 'STOP'", equals: 1))
            try await Task.sleep(for: .milliseconds(500))
            #expect(try await h.count("SELECT count(*) AS n FROM orders WHERE leg = 'ENTRY'") == 1)
            #expect(try await h.count("SELECT count(*) AS n FROM fills") == 1)
            #expect(try await h.count("SELECT count(*) AS n FROM positions") == 1)
        }
    }

    @Test("kill -9 between the entry fill and the stop, then restart: the stop is placed once, nothing duplicated")
    func crashBetweenEntryFillAndStop() async throws {
        try await withHarness { h in
            try await h.startExecutor(extraEnvironment: ["AITRAPP_EXECUTOR_TEST_CRASH_AFTER_ENTRY_FILL": "true"])
            let decision = try await h.seedDecision(lots: 2, entry: Self.entry, stop: Self.stop, target: Self.target)
            #expect(try await h.publishAndFill(decision, at: Self.entry))
            #expect(await TestEnvironment.eventually(timeout: .seconds(10)) { !h.stack.isRunning("executor") })
            #expect(h.stack.processes["executor"]?.terminationReason == .uncaughtSignal)
            #expect(try await h.count("SELECT count(*) AS n FROM fills") == 1)
            #expect(try await h.count("SELECT count(*) AS n FROM positions WHERE status = 'OPEN'") == 1)
            #expect(try await h.count("SELECT count(*) AS n FROM orders WHERE leg = 'STOP'") == 0)   // the naked window

            // Restart (no hook): the stop and both targets are placed once, with an audit row.
            try await h.startExecutor()
            #expect(await h.waitFor("SELECT count(*) AS n FROM orders WHERE leg = 'STOP' AND status = 'OPEN' AND quantity = 150",
                                    equals: 1))
            #expect(try await h.count("SELECT count(*) AS n FROM orders WHERE leg IN ('TARGET','TARGET2') AND status = 'OPEN'") == 2)
            #expect(try await h.count("SELECT count(*) AS n FROM audit_log WHERE action = 'executor.restore.place_missing'") == 3)
            // A second restart changes nothing.
            #expect(await h.stack.stop("executor") == 0)
            try await h.startExecutor()
            try await Task.sleep(for: .milliseconds(500))
            #expect(try await h.count("SELECT count(*) AS n FROM orders") == 4)
            #expect(try await h.count("SELECT count(*) AS n FROM orders WHERE status = 'OPEN'") == 3)
            #expect(try await h.count("SELECT count(*) AS n FROM fills") == 1)
            #expect(try await h.count("SELECT count(*) AS n FROM positions") == 1)
            // The re-armed group still works: the stop fills and closes the trade.
            try await h.tick(last: Paise(9_790), minutes: 1)
            #expect(await h.waitFor("SELECT count(*) AS n FROM trades WHERE exit_reason = 'STOP'", equals: 1))
            #expect(await h.waitFor("SELECT count(*) AS n FROM orders WHERE status = 'OPEN'", equals: 0))
        }
    }

    @Test("an approval that never reached the executor is executed on start, exactly once")
    func adoptsUnexecutedDecision() async throws {
        try await withHarness { h in
            _ = try await h.seedDecision(lots: 1, entry: Self.entry, stop: Self.stop, target: Self.target)
            try await h.redis.set(Channel.Key.lastPrice("NIFTY"), "10000")
            try await h.startExecutor()
            #expect(await h.waitFor("SELECT count(*) AS n FROM positions WHERE status = 'OPEN'", equals: 1))
            #expect(try await h.count("SELECT count(*) AS n FROM audit_log WHERE action = 'executor.restore.adopt_decision'") == 1)
            #expect(await h.stack.stop("executor") == 0)
            try await h.startExecutor()
            try await Task.sleep(for: .milliseconds(500))
            #expect(try await h.count("SELECT count(*) AS n FROM orders WHERE leg = 'ENTRY'") == 1)
            #expect(try await h.count("SELECT count(*) AS n FROM orders WHERE leg = 'STOP' AND status = 'OPEN'") == 1)
        }
    }
}
