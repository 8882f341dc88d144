import Foundation
import Messages
import Testing
import TestSupport
import TradingCore

/// The dashboard in a real headless Chromium against a running stack (executor and
/// control-api, the test playing marketdata and risk-gate): the token is typed in, open
/// positions and their live P&L render, the event feed fills from `/ws`, Pause shows the
/// banner, and the kill switch (with its confirm step) takes the book flat. Screenshots go to
/// `.build/test-artifacts/dashboard/`. Without Chromium the test fails and says so.
@Suite("End to end: dashboard in a browser", .serialized)
struct DashboardBrowserTests {
    static let artifacts = TestEnvironment.root.appendingPathComponent(".build/test-artifacts/dashboard")

    @Test func positionsFeedAndKillSwitch() async throws {
        let h = try await ExecutorHarness(environment: ["AITRAPP_EXECUTOR_EOD_FALLBACK": "23:59"])
        var chrome: ChromeSession?
        do {
            chrome = try await ChromeSession.launch()
            try await run(h, try #require(chrome))
        } catch {
            if let chrome {
                try? await chrome.screenshot(to: Self.artifacts.appendingPathComponent("failure.png"))
                print("---- page console ----\n\(chrome.console.suffix(40).joined(separator: "\n"))")
            }
            print("---- control-api log ----\n\(h.stack.log("control-api").suffix(3000))")
            print("---- executor log ----\n\(h.stack.log("executor").suffix(3000))")
            await chrome?.close()
            await h.shutdown()
            throw error
        }
        await chrome?.close()
        await h.shutdown()
    }

    private func run(_ h: ExecutorHarness, _ chrome: ChromeSession) async throws {
        try await h.startExecutor()
        try h.stack.start("control-api")
        try #require(await TestEnvironment.eventually(timeout: .seconds(20)) { (try? await h.stack.http("GET", "/health").status) == 200 })

        // Two open positions, as risk-gate and marketdata would have made them.
        let entry = Paise(2_400_000), stop = Paise(2_390_000), target = Paise(2_430_000)
        for symbol in ["NIFTY", "BANKNIFTY"] {
            let decision = try await h.seedDecision(symbol: symbol, lots: 1, entry: entry, stop: stop, target: target)
            try await h.publish(decision)
            try #require(await h.waitFor("SELECT count(*) AS n FROM orders WHERE leg = 'ENTRY' AND symbol = $1", [symbol], equals: 1))
            try await h.tick(symbol, last: entry)
        }
        try #require(await h.waitFor("SELECT count(*) AS n FROM positions WHERE status = 'OPEN'", equals: 2))

        // The page asks for a token: typed into the field, then Connect.
        try await chrome.navigate(h.stack.apiBase + "/")
        #expect(try await chrome.evaluate("document.title") as? String == "AITRAPP desk")
        try await chrome.click("#token")
        try await chrome.type(h.stack.operatorToken)
        try await chrome.click("#token-save")
        try #require(await chrome.waitUntil("document.getElementById('conn').dataset.state === 'live'"), "the stream never connected")
        #expect(try await chrome.evaluate("sessionStorage.getItem('aitrapp.token') !== null") as? Bool == true)
        #expect(try await chrome.evaluate("document.getElementById('mode').textContent") as? String == "PAPER")
        try #require(await chrome.waitUntil("document.querySelectorAll('#positions-body tr[data-position-id]').length === 2"),
                     "the open positions did not render")

        // Live P&L from ticks over /ws: NIFTY up ₹50 on 75 units = ₹3,750.00.
        try await h.tick("NIFTY", last: Paise(2_405_000), minutes: 1)
        #expect(await chrome.waitUntil("[...document.querySelectorAll('#positions-body tr')].some(r => r.textContent.includes('NIFTY') && r.querySelector('.pnl').textContent === '3,750.00')"))

        // Pause from the page: the banner and the feed show it.
        try await chrome.click("#pause")
        #expect(await chrome.waitUntil("!document.getElementById('banner').hidden && document.getElementById('banner').textContent.includes('PAUSED')"))
        #expect(await chrome.waitUntil("[...document.querySelectorAll('#feed li')].some(li => li.dataset.type === 'control.pause')"),
                "the event feed did not show control.pause")
        try await chrome.screenshot(to: Self.artifacts.appendingPathComponent("1-positions.png"))

        // The kill switch: the first press only asks; the confirm press flattens.
        try await chrome.click("#kill")
        #expect(try await chrome.evaluate("document.getElementById('kill-confirm').hidden") as? Bool == false)
        try await chrome.screenshot(to: Self.artifacts.appendingPathComponent("2-kill-confirm.png"))
        #expect(try await h.count("SELECT count(*) AS n FROM positions WHERE status = 'OPEN'") == 2)
        try await chrome.click("#kill-yes")
        #expect(await h.waitFor("SELECT count(*) AS n FROM positions WHERE status = 'OPEN'", equals: 0, timeout: .seconds(15)))
        #expect(await chrome.waitUntil("document.querySelectorAll('#positions-body tr').length === 0 && !document.getElementById('positions-empty').hidden"),
                "the page did not show the book flat")
        #expect(await chrome.waitUntil("[...document.querySelectorAll('#feed li')].some(li => li.dataset.type === 'position.closed')"))
        #expect(await chrome.waitUntil("[...document.querySelectorAll('#orders-body tr')].some(r => r.textContent.includes('EXIT'))"))
        let audit = try await h.db.query("SELECT actor FROM audit_log WHERE action = 'flatten'")
        #expect(try audit.map { try $0.string("actor") } == ["operator"])
        try await chrome.screenshot(to: Self.artifacts.appendingPathComponent("3-flat.png"))
        let errors = chrome.console.filter { $0.hasPrefix("exception") }
        #expect(errors.isEmpty, "page exceptions: \(errors)")
    }
}
