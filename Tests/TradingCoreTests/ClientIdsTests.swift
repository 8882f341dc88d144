import Testing
import TradingCore

@Suite("ClientIds")
struct ClientIdsTests {
    @Test("plan id is P- and the first 24 hex digits of SHA-256(signal | config sha)")
    func planId() {
        // sha256("sig-1|abc") = 1e88be696af7a67bc11d56c6… (Python hashlib)
        #expect(ClientIds.plan(signalId: "sig-1", configSha: "abc") == "P-1e88be696af7a67bc11d56c6")
        #expect(ClientIds.plan(signalId: "sig-1", configSha: "abc")
            == "P-" + String(SHA256.hex("sig-1|abc").prefix(24)))
        #expect(ClientIds.plan(signalId: "sig-1", configSha: "abc").count == 26)
    }

    @Test("plan id is deterministic: a replayed signal maps to the same plan")
    func deterministic() {
        let id = "6f1c1a2e-8d1b-4c0e-9f3a-0b5a7d2c9e41"
        #expect(ClientIds.plan(signalId: id, configSha: "cafe") == ClientIds.plan(signalId: id, configSha: "cafe"))
    }

    @Test("plan id changes when the config sha or the signal changes")
    func differs() {
        // sha256("sig-1|abd") = b809b4dbf8768397dcf29a1d…
        #expect(ClientIds.plan(signalId: "sig-1", configSha: "abd") == "P-b809b4dbf8768397dcf29a1d")
        #expect(ClientIds.plan(signalId: "sig-1", configSha: "abc") != ClientIds.plan(signalId: "sig-1", configSha: "abd"))
        #expect(ClientIds.plan(signalId: "sig-1", configSha: "abc") != ClientIds.plan(signalId: "sig-2", configSha: "abc"))
        // The separator keeps ("ab", "c") and ("a", "bc") apart.
        #expect(ClientIds.plan(signalId: "ab", configSha: "c") != ClientIds.plan(signalId: "a", configSha: "bc"))
    }

    @Test("order ids append the leg suffix", arguments: [
        (OcoLeg.entry, "P-1e88be696af7a67bc11d56c6-E"),
        (.stop, "P-1e88be696af7a67bc11d56c6-S"),
        (.target, "P-1e88be696af7a67bc11d56c6-T"),
        (.target2, "P-1e88be696af7a67bc11d56c6-T2"),
        (.exit, "P-1e88be696af7a67bc11d56c6-X"),
    ])
    func orderIds(leg: OcoLeg, expected: String) {
        #expect(ClientIds.order(plan: "P-1e88be696af7a67bc11d56c6", leg: leg) == expected)
    }

    @Test("the five order ids of a plan are distinct")
    func distinctLegs() {
        let plan = ClientIds.plan(signalId: "sig-1", configSha: "abc")
        #expect(Set(OcoLeg.allCases.map { ClientIds.order(plan: plan, leg: $0) }).count == 5)
    }

    @Test("slices and generations of a leg get distinct, replayable ids")
    func slicesAndGenerations() {
        let plan = "P-1e88be696af7a67bc11d56c6"
        #expect(ClientIds.order(plan: plan, leg: .entry, slice: 1) == plan + "-E")
        #expect(ClientIds.order(plan: plan, leg: .entry, slice: 2) == plan + "-E-2")
        #expect(ClientIds.order(plan: plan, leg: .stop, generation: 1) == plan + "-S")
        #expect(ClientIds.order(plan: plan, leg: .stop, generation: 3) == plan + "-S.3")
        let ids = (1...4).map { ClientIds.order(plan: plan, leg: .entry, slice: $0) }
            + (1...4).map { ClientIds.order(plan: plan, leg: .stop, generation: $0) }
            + OcoLeg.allCases.map { ClientIds.order(plan: plan, leg: $0) }
        #expect(Set(ids).count == 4 + 4 + 5 - 2)   // slice 1 and generation 1 are the plain ids
    }
}
