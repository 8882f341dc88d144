import Foundation
import Testing
import TradingCore

@Suite("Paise")
struct PaiseTests {
    // MARK: Parsing

    @Test("parses decimal rupee strings exactly", arguments: [
        ("24734.05", Int64(2_473_405)),  // 24734 × 100 + 05
        ("-12.5", -1_250),               // −(12 × 100 + 50): one decimal is tenths → 50 paise
        ("100", 10_000),                 // 100 × 100
        ("0.1", 10),                     // 0 × 100 + 10
        ("0.05", 5),
        ("-0.05", -5),
        ("+3", 300),
        (" 7.50 ", 750),                 // surrounding spaces are trimmed
        ("1.230", 123),                  // trailing zeros beyond 2 decimals are harmless
        ("1.2000", 120),
        ("0", 0),
        ("-0", 0),
        ("92233720368547758.07", Int64.max),  // 92233720368547758 × 100 + 7 = 9223372036854775807
    ])
    func parsesValid(text: String, paise: Int64) {
        #expect(Paise(rupeeString: text) == Paise(paise))
    }

    @Test("rejects malformed rupee strings", arguments: [
        "1.234",    // three significant decimals: sub-paisa
        "abc",
        "",
        "   ",
        "1e5",      // no exponent notation
        ".",
        "-",
        "+",
        "1.2.3",
        "12,50",
        "1 000",
        "--1",
        "-+1",
        "0x10",
        "١٢",       // Arabic-Indic digits are numbers but not ASCII digits
        "92233720368547759",  // × 100 overflows Int64
    ])
    func rejectsInvalid(text: String) {
        #expect(Paise(rupeeString: text) == nil)
    }

    @Test("parses from a Substring")
    func parsesSubstring() {
        let line = "x,24734.05,y"
        let field = line.split(separator: ",")[1]
        #expect(Paise(rupeeString: field) == Paise(2_473_405))
    }

    @Test("a value whose paise push it just past Int64.max returns nil instead of trapping")
    func parseOverflowOnAddingPaise() async {
        // "92233720368547758.08": 92233720368547758 × 100 = 9223372036854775800 passes the
        // multiplication overflow check, then + 8 exceeds Int64.max (…807) and the
        // an unchecked `+` would trap. The documented contract is "returns nil for anything else".
        // Run in a child process so a regression fails this test instead of crashing the run.
        await #expect(processExitsWith: .success) {
            precondition(Paise(rupeeString: "92233720368547758.08") == nil)
            precondition(Paise(rupeeString: "92233720368547758.99") == nil)
            precondition(Paise(rupeeString: "-92233720368547758.09") == nil)
            precondition(Paise(rupeeString: "-92233720368547758.08") == Paise(.min))   // Int64.min is representable
            precondition(Paise(rupeeString: "92233720368547758.07") == Paise(.max))
        }
        #expect(Paise(rupeeString: "92233720368547758.08") == nil)
        #expect(Paise(rupeeString: "-92233720368547758.09") == nil)
        #expect(Paise(rupeeString: "-92233720368547758.08") == Paise(.min))
        #expect(Paise(rupeeString: "92233720368547758.07") == Paise(.max))
    }

    // MARK: Formatting

    @Test("rupeeString is exact with two decimals", arguments: [
        (Int64(2_473_405), "24734.05"),
        (-1_250, "-12.50"),
        (10_000, "100.00"),
        (5, "0.05"),        // < 10 paise keeps its leading zero
        (-5, "-0.05"),      // negative below one rupee keeps its sign
        (-9, "-0.09"),
        (10, "0.10"),
        (0, "0.00"),
        (-100, "-1.00"),
        (100_000_000, "1000000.00"),  // ₹10,00,000 — no grouping separators
        (Int64.min, "-92233720368547758.08"),
    ])
    func formats(paise: Int64, text: String) {
        #expect(Paise(paise).rupeeString == text)
    }

    @Test("description carries the rupee sign")
    func description() {
        #expect(Paise(-1_250).description == "₹-12.50")
        #expect("\(Paise(2_473_405))" == "₹24734.05")
    }

    @Test("rupeeString round-trips through the parser")
    func formatParseRoundTrip() {
        for value: Int64 in [0, 1, 9, 10, 99, 100, 101, -1, -99, -101, 2_473_405, -2_473_405, 123_456_789] {
            #expect(Paise(rupeeString: Paise(value).rupeeString) == Paise(value))
        }
    }

    @Test("init(rupees:) rounds to the nearest paisa, ties away from zero")
    func fromDouble() {
        #expect(Paise(rupees: 24734.05) == Paise(2_473_405))  // 2473404.9999… → 2473405
        #expect(Paise(rupees: 0.125) == Paise(13))            // 12.5 → 13
        #expect(Paise(rupees: -0.125) == Paise(-13))          // −12.5 → −13
        #expect(Paise(rupees: 1.004) == Paise(100))           // 100.4 → 100
        #expect(Paise(2_473_405).rupees == 24734.05)
    }

    // MARK: Tick rounding

    @Test("rounded(toTick:) goes to the nearest multiple, ties away from zero", arguments: [
        // (value, tick, expected)
        (Int64(12), Int64(5), Int64(10)),   // 12 = 10 + 2, 2 < 2.5 → 10
        (13, 5, 15),                         // 13 = 10 + 3, 3 ≥ 2.5 → 15
        (-12, 5, -10),                       // −12 = −10 − 2 → −10
        (-13, 5, -15),                       // −13 = −10 − 3 → −15
        (15, 10, 20),                        // tie 15 between 10 and 20 → away from zero → 20
        (25, 10, 30),                        // tie → 30 (not banker's 20)
        (-15, 10, -20),                      // negative tie → away from zero → −20
        (-25, 10, -30),
        (14, 10, 10),
        (-14, 10, -10),
        (20, 10, 20),                        // already on the grid
        (-20, 10, -20),
        (0, 5, 0),
        (2, 5, 0),                           // 2 < 2.5 → 0
        (3, 5, 5),
        (2_473_407, 5, 2_473_405),           // 24734.07 → 24734.05
        (2_473_408, 5, 2_473_410),           // 24734.08 → 24734.10
        (7, 1, 7),                           // tick of one paisa is the identity
    ])
    func roundsToTick(value: Int64, tick: Int64, expected: Int64) {
        #expect(Paise(value).rounded(toTick: Paise(tick)) == Paise(expected))
    }

    @Test("a non-positive tick leaves the amount unchanged")
    func nonPositiveTick() {
        #expect(Paise(1_234).rounded(toTick: .zero) == Paise(1_234))
        #expect(Paise(1_234).rounded(toTick: Paise(-5)) == Paise(1_234))
    }

    // MARK: Arithmetic and ordering

    @Test("arithmetic is exact integer paise")
    func arithmetic() {
        let a = Paise(2_473_405), b = Paise(1_250)
        #expect(a + b == Paise(2_474_655))          // 24734.05 + 12.50 = 24746.55
        #expect(a - b == Paise(2_472_155))          // 24734.05 − 12.50 = 24721.55
        #expect(b - a == Paise(-2_472_155))
        #expect(b * 75 == Paise(93_750))            // 12.50 × 75 = 937.50
        #expect(b * -2 == Paise(-2_500))
        #expect(-b == Paise(-1_250))
        #expect(Paise(-1_250).magnitude == b)
        #expect(b.magnitude == b)
        var sum = Paise.zero
        for _ in 0..<10 { sum += Paise(10) }       // ten × 0.10 is exactly 1.00 (no float drift)
        #expect(sum == Paise(100))
        #expect(Paise.zero.value == 0)
    }

    @Test("ordering follows the paise value")
    func ordering() {
        #expect(Paise(-5) < Paise.zero)
        #expect(Paise(5) > Paise(4))
        #expect(max(Paise(5), Paise(10)) == Paise(10))
        #expect([Paise(3), Paise(-1), Paise(2)].sorted() == [Paise(-1), Paise(2), Paise(3)])
    }

    // MARK: JSON

    private struct Wrapper: Codable, Equatable {
        var price: Paise
    }

    @Test("JSON carries the raw integer paise")
    func jsonEncodesInteger() throws {
        let data = try JSONEncoder().encode(Wrapper(price: Paise(2_473_405)))
        #expect(String(decoding: data, as: UTF8.self) == #"{"price":2473405}"#)
        let negative = try JSONEncoder().encode(Wrapper(price: Paise(-5)))
        #expect(String(decoding: negative, as: UTF8.self) == #"{"price":-5}"#)
    }

    @Test("JSON decodes integer paise and rejects rupee strings or fractions")
    func jsonDecodes() throws {
        let decoded = try JSONDecoder().decode(Wrapper.self, from: Data(#"{"price":1250}"#.utf8))
        #expect(decoded.price == Paise(1_250))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Wrapper.self, from: Data(#"{"price":"12.50"}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Wrapper.self, from: Data(#"{"price":12.5}"#.utf8))
        }
    }
}
