import Testing
import TradingCore

@Suite("SymbolListParser")
struct SymbolListParserTests {
    @Test("NSE's fo_secban.csv and plain lists give the banned symbols")
    func banList() throws {
        let nse = "Securities in Ban For Trade Date 24-NOV-2026:\r\n1,RBLBANK\r\n2,SAIL\r\n\r\n"
        #expect(try SymbolListParser.banList(nse) == ["RBLBANK", "SAIL"])
        #expect(try SymbolListParser.banList("# today's list\nm&m\nBAJAJ-AUTO\n") == ["M&M", "BAJAJ-AUTO"])
        #expect(try SymbolListParser.banList("Securities in Ban For Trade Date 24-NOV-2026: NIL\n").isEmpty)
        #expect(try SymbolListParser.banList("NIL\n").isEmpty)
    }

    @Test("a bad ban-list line is refused with its line number", arguments: [
        ("RBLBANK\n1,SAIL,EXTRA\n", 2), ("\n\nRBL BANK\n", 3), ("x,SAIL\n", 1),
    ])
    func badBanList(text: String, line: Int) {
        #expect(throws: SymbolListParser.ParseError.self) { try SymbolListParser.banList(text) }
        do { _ = try SymbolListParser.banList(text) } catch { #expect(error.line == line) }
    }

    @Test("volumes: header optional, symbols upper-cased; bad numbers, duplicates and shapes name the line")
    func volumes() throws {
        #expect(try SymbolListParser.volumes("symbol,volume\nRELIANCE,1200\ntcs , 50\n") == ["RELIANCE": 1_200, "TCS": 50])
        for (text, line) in [("RELIANCE,12.5\n", 1), ("RELIANCE,1\nRELIANCE,2\n", 2), ("A,1\nB\n", 2), ("A,-1\n", 1)] {
            do {
                _ = try SymbolListParser.volumes(text)
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.line == line)
            }
        }
    }
}
