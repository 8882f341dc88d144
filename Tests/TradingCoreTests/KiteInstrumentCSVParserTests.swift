import Foundation
import Testing
import TradingCore

/// ../shared/data/kite relative to the package root (derived from this file's path).
let instrumentDumpDirectory: String = sharedDataPath("kite")

let instrumentDumpAllPath = instrumentDumpDirectory + "/instruments_all.csv"
let instrumentDumpNSEPath = instrumentDumpDirectory + "/instruments_nse.csv"

@Suite("KiteInstrumentCSVParser")
struct KiteInstrumentCSVParserTests {
    private static let header = "instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange"
    private static let call = "12073986,47164,BANKNIFTY18JAN23500CE,,2528.4,2018-01-25,23500.0,0.05,40,CE,NFO-OPT,NFO"
    private static let equity = "3861249,15083,ADANIPORTS,ADANI PORT & SEZ,0.0,,0.0,0.05,1,EQ,NSE,NSE"

    private static func parseError(_ text: String) -> KiteInstrumentCSVParser.ParseError? {
        do {
            _ = try KiteInstrumentCSVParser().parse(text)
            return nil
        } catch {
            return error
        }
    }

    /// A file of the header and one row whose `column` is replaced by `value`.
    private static func withField(_ column: String, _ value: String, row: String = call) -> String {
        let names = header.split(separator: ",").map(String.init)
        var fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[names.firstIndex(of: column)!] = value
        return header + "\n" + fields.joined(separator: ",") + "\n"
    }

    @Test("parses the real all-exchanges dump: 99 rows, 25 NFO options, 55 NSE and 19 BSE equities",
          .enabled(if: FileManager.default.fileExists(atPath: instrumentDumpAllPath),
                   "real data file ../shared/data/kite/instruments_all.csv is absent"))
    func realAllDump() throws {
        let text = try String(contentsOfFile: instrumentDumpAllPath, encoding: .utf8)
        let instruments = try KiteInstrumentCSVParser().parse(text)
        #expect(instruments.count == 99)
        #expect(instruments.filter { $0.instrumentType == .call }.count == 10)
        #expect(instruments.filter { $0.instrumentType == .put }.count == 15)
        #expect(instruments.filter { $0.exchange == "NSE" && $0.instrumentType == .equity }.count == 55)
        #expect(instruments.filter { $0.exchange == "BSE" }.count == 19)
        #expect(Set(instruments.map(\.instrumentToken)).count == 99)
        #expect(Set(instruments.compactMap(\.expiry)) == ["2017-11-30", "2017-12-28", "2018-01-25"])

        // Line 8: BANKNIFTY18JAN23500CE (name empty in this dump).
        let call = try #require(instruments.first { $0.tradingsymbol == "BANKNIFTY18JAN23500CE" })
        #expect(call == KiteInstrument(instrumentToken: 12_073_986, exchangeToken: 47_164,
                                       tradingsymbol: "BANKNIFTY18JAN23500CE", name: "", lastPrice: Paise(252_840),
                                       expiry: "2018-01-25", strike: Paise(2_350_000), tickSize: Paise(5), lotSize: 40,
                                       instrumentType: .call, segment: "NFO-OPT", exchange: "NFO"))
        // Line 34: a symbol with '&'; line 40: a bond with a 25-paise tick and a 500000 lot.
        let coxAndKings = try #require(instruments.first { $0.instrumentToken == 136_484_868 })
        #expect(coxAndKings.tradingsymbol == "COX&KINGS" && coxAndKings.name == "COX & KINGS")
        #expect(coxAndKings.expiry == nil && coxAndKings.strike == .zero && coxAndKings.segment == "BSE")
        let bond = try #require(instruments.first { $0.tradingsymbol == "828GOI27-ML" })
        #expect(bond.tickSize == Paise(25) && bond.lotSize == 500_000 && bond.exchangeToken == 440_061)
        let put = try #require(instruments.first { $0.tradingsymbol == "INDIACEM17DEC230PE" })
        #expect(put.lastPrice == Paise(5_310) && put.strike == Paise(23_000) && put.lotSize == 3_500)
        #expect(instruments.first?.tradingsymbol == "CENTRALBK-BE")
    }

    @Test("parses the real NSE dump: 99 NSE equities",
          .enabled(if: FileManager.default.fileExists(atPath: instrumentDumpNSEPath),
                   "real data file ../shared/data/kite/instruments_nse.csv is absent"))
    func realNSEDump() throws {
        let text = try String(contentsOfFile: instrumentDumpNSEPath, encoding: .utf8)
        let instruments = try KiteInstrumentCSVParser().parse(text)
        #expect(instruments.count == 99)
        #expect(instruments.allSatisfy { $0.exchange == "NSE" && $0.segment == "NSE" && $0.instrumentType == .equity })
        #expect(instruments.allSatisfy { $0.expiry == nil && $0.lotSize == 1 })
        // The last line (100).
        let last = try #require(instruments.last)
        #expect(last == KiteInstrument(instrumentToken: 510_209, exchangeToken: 1_993, tradingsymbol: "IRFC-ND",
                                       name: "BOND 8.44% PA TF TII-SIB", lastPrice: .zero, expiry: nil, strike: .zero,
                                       tickSize: Paise(1), lotSize: 1, instrumentType: .equity, segment: "NSE",
                                       exchange: "NSE"))
        #expect(instruments.first { $0.tradingsymbol == "ICICIPRULI" }?.instrumentToken == 4_774_913)
    }

    @Test("columns are found by name in any order; unknown columns are ignored")
    func columnsByName() throws {
        let text = """
            exchange,segment,instrument_type,lot_size,tick_size,strike,expiry,last_price,name,tradingsymbol,exchange_token,instrument_token,extra
            NFO,NFO-OPT,CE,40,0.05,23500.0,2018-01-25,2528.4,,BANKNIFTY18JAN23500CE,47164,12073986,whatever
            NSE,NSE,EQ,1,0.05,0.0,,0.0,ADANI PORT & SEZ,ADANIPORTS,15083,3861249,
            """
        let instruments = try KiteInstrumentCSVParser().parse(text)
        let reference = try KiteInstrumentCSVParser().parse([Self.header, Self.call, Self.equity].joined(separator: "\n"))
        #expect(instruments == reference)
        #expect(instruments.count == 2)
        #expect(instruments[1].name == "ADANI PORT & SEZ")
    }

    @Test("quoted fields may hold commas, doubled quotes and line breaks (RFC 4180)")
    func quotedFields() throws {
        let text = Self.header + "\r\n"
            + "1,2,\"M&M\",\"MAHINDRA & MAHINDRA, LTD\",\"1520.50\",,0.0,0.05,1,EQ,NSE,NSE\r\n"
            + "3,4,ODD,\"SAYS \"\"HI\"\"\nTWICE\",0.0,,0.0,0.05,1,EQ,NSE,NSE\r\n"
            + "5,6,X,,0,,0,0.05,1,EQ,NSE,NSE\r\n"
            + "7,8,Y,,,,0,0.05,1,EQ,NSE,NSE\r\n"
        let error = Self.parseError(text)
        #expect(error?.description == "line 6: last_price '' is not a price in whole paise")
        let instruments = try KiteInstrumentCSVParser().parse(text.replacingOccurrences(of: "Y,,,", with: "Y,,1,"))
        #expect(instruments.count == 4)
        #expect(instruments[0].name == "MAHINDRA & MAHINDRA, LTD")
        #expect(instruments[0].tradingsymbol == "M&M" && instruments[0].lastPrice == Paise(152_050))
        #expect(instruments[1].name == "SAYS \"HI\"\nTWICE")
        #expect(instruments[2].instrumentToken == 5)
    }

    @Test("a record spanning two lines shifts the line numbers of the records after it")
    func multiLineRecordLineNumbers() {
        let text = [Self.header, "3,4,ODD,\"TWO\nLINES\",0.0,,0.0,0.05,1,EQ,NSE,NSE", "5,6,X,,0,,0,0.05,x,EQ,NSE,NSE"]
            .joined(separator: "\n")
        #expect(Self.parseError(text)?.description == "line 4: lot_size 'x' is not an integer")
    }

    @Test("CRLF and LF files parse alike; a byte-order mark and blank lines are ignored")
    func lineEndings() throws {
        let lf = [Self.header, Self.call, "", Self.equity].joined(separator: "\n") + "\n"
        let crlf = "\u{FEFF}" + [Self.header, Self.call, "  ", Self.equity].joined(separator: "\r\n") + "\r\n"
        let parsedLF = try KiteInstrumentCSVParser().parse(lf)
        #expect(parsedLF.count == 2)
        #expect(try KiteInstrumentCSVParser().parse(crlf) == parsedLF)
        let noFinalNewline = [Self.header, Self.call, Self.equity].joined(separator: "\r\n")
        #expect(try KiteInstrumentCSVParser().parse(noFinalNewline) == parsedLF)
        // Line numbers count CRLF lines, blank ones included.
        let bad = [Self.header, Self.call, "", Self.equity.replacingOccurrences(of: ",1,EQ", with: ",x,EQ")]
            .joined(separator: "\r\n")
        #expect(Self.parseError(bad)?.description == "line 4: lot_size 'x' is not an integer")
        #expect(try KiteInstrumentCSVParser().parse(Self.header + "\r\n").isEmpty)
    }

    @Test("bad values name the line and the column", arguments: [
        ("instrument_token", "abc", "instrument_token 'abc' is not an integer"),
        ("instrument_token", "0", "instrument_token '0' is not positive"),
        ("exchange_token", "-3", "exchange_token '-3' is negative"),
        ("tradingsymbol", "", "tradingsymbol '' is empty"),
        ("last_price", "12.345", "last_price '12.345' is not a price in whole paise"),
        ("expiry", "2018-02-30", "expiry '2018-02-30' is not a yyyy-MM-dd day"),
        ("expiry", "25-01-2018", "expiry '25-01-2018' is not a yyyy-MM-dd day"),
        ("expiry", "", "expiry is empty for a CE instrument"),
        ("strike", "abc", "strike 'abc' is not a price in whole paise"),
        ("strike", "0.0", "strike '0.0' is not positive for a CE instrument"),
        ("tick_size", "0.0025", "tick_size '0.0025' is not a price in whole paise"),
        ("tick_size", "-0.05", "tick_size '-0.05' is negative"),
        ("lot_size", "x", "lot_size 'x' is not an integer"),
        ("lot_size", "1.5", "lot_size '1.5' is not an integer"),
        ("lot_size", "-1", "lot_size '-1' is negative"),
        ("instrument_type", "", "instrument_type '' is empty"),
        ("exchange", "", "exchange '' is empty"),
    ])
    func badValue(column: String, value: String, reason: String) throws {
        let error = try #require(Self.parseError(Self.withField(column, value)))
        #expect(error.line == 2)
        #expect(error.column == column)
        #expect(error.reason == reason)
        #expect(error.description == "line 2: " + reason)
    }

    @Test("prices parse exactly as Paise(rupeeString:) does", arguments: [
        "0", "0.0", "5.", ".5", "-12.5", "2528.4", "2528.40", "2528.400", "2528.401", " 17.25 ", "+3.10",
        "92233720368547758.07", "92233720368547758.08", "123456789012345.67", "1e3", "1.2.3", "-", ".", "",
    ])
    func priceText(text: String) throws {
        let file = Self.withField("last_price", text)
        if let expected = Paise(rupeeString: text) {
            #expect(try KiteInstrumentCSVParser().parse(file).first?.lastPrice == expected)
        } else {
            #expect(Self.parseError(file)?.reason == "last_price '\(text)' is not a price in whole paise")
        }
    }

    @Test("the example from the brief: line 12, lot_size 'x'")
    func lineTwelve() {
        var rows = [Self.header]
        for token in 1...10 { rows.append("\(token),\(token),SYM\(token),,0.0,,0.0,0.05,1,EQ,NSE,NSE") }
        rows.append("99,99,BAD,,0.0,,0.0,0.05,x,EQ,NSE,NSE")
        #expect(Self.parseError(rows.joined(separator: "\n"))?.description == "line 12: lot_size 'x' is not an integer")
    }

    @Test("wrong field counts name the line")
    func wrongFieldCount() {
        let error = Self.parseError([Self.header, Self.call, Self.call + ",extra"].joined(separator: "\n"))
        #expect(error?.line == 3)
        #expect(error?.column == nil)
        #expect(error?.reason == "expected 12 fields, found 13")
        #expect(Self.parseError(Self.header + "\n1,2,3")?.description == "line 2: expected 12 fields, found 3")
    }

    @Test("header problems name line 1 and the column")
    func badHeader() {
        let missing = Self.header.replacingOccurrences(of: ",lot_size", with: "")
        let error = Self.parseError(missing + "\n" + Self.call)
        #expect(error?.description == "line 1: header has no lot_size column")
        #expect(error?.column == "lot_size")
        #expect(Self.parseError(Self.header + ",strike\n")?.description == "line 1: column strike appears twice in the header")
        #expect(Self.parseError("")?.description == "line 1: no header: the file is empty")
        #expect(Self.parseError(Self.call + "\n" + Self.equity)?.reason.hasPrefix("header has no") == true)
    }

    @Test("quoting errors name the line and the column")
    func quotingErrors() {
        let unclosed = Self.header + "\n" + Self.call + "\n3,4,ODD,\"NEVER CLOSED,0.0,,0.0,0.05,1,EQ,NSE,NSE\n"
        #expect(Self.parseError(unclosed)?.description == "line 3: name has a quote that is never closed")
        #expect(Self.parseError(unclosed)?.column == "name")
        let stray = Self.header + "\n3,4,OD\"D,,0.0,,0.0,0.05,1,EQ,NSE,NSE"
        #expect(Self.parseError(stray)?.description
                == "line 2: tradingsymbol has a quote inside an unquoted field or after a closing quote")
        let trailing = Self.header + "\n3,4,\"ODD\"X,,0.0,,0.0,0.05,1,EQ,NSE,NSE"
        #expect(Self.parseError(trailing)?.description == "line 2: tradingsymbol has text after its closing quote")
    }

    @Test("a repeated instrument_token names both lines")
    func duplicateToken() {
        let error = Self.parseError([Self.header, Self.call, Self.equity, Self.call].joined(separator: "\n"))
        #expect(error?.description == "line 4: instrument_token 12073986 repeats line 2")
        #expect(error?.column == "instrument_token")
    }

    @Test("currency rows (sub-paisa ticks) are skipped by default and rejected when not skipped")
    func currencySegments() throws {
        let currency = "1,2,USDINR24JANFUT,USDINR,83.1225,2024-01-29,0.0,0.0025,1,FUT,CDS-FUT,CDS"
        let text = [Self.header, currency, Self.equity].joined(separator: "\n")
        let instruments = try KiteInstrumentCSVParser().parse(text)
        #expect(instruments.map(\.tradingsymbol) == ["ADANIPORTS"])
        let strict = KiteInstrumentCSVParser(skippedSegments: [])
        let error = #expect(throws: KiteInstrumentCSVParser.ParseError.self) { try strict.parse(text) }
        #expect(error?.description == "line 2: last_price '83.1225' is not a price in whole paise")
        #expect(error?.column == "last_price")
        // A skipped row still needs the right number of fields.
        #expect(Self.parseError([Self.header, currency + ",x"].joined(separator: "\n"))?.line == 2)
    }

    @Test("indices (lot 0, tick 0) and unknown instrument types load")
    func indicesAndUnknownTypes() throws {
        let text = [Self.header, "256265,1001,NIFTY 50,NIFTY 50,0.0,,0.0,0.0,0,EQ,INDICES,NSE",
                    "9,9,SOMETHING,,0.0,,0.0,0.05,1,WARRANT,NSE,NSE"].joined(separator: "\n")
        let instruments = try KiteInstrumentCSVParser().parse(text)
        #expect(instruments[0].lotSize == 0 && instruments[0].tickSize == .zero && instruments[0].segment == "INDICES")
        #expect(instruments[1].instrumentType == KiteInstrumentType(rawValue: "WARRANT"))
        #expect(!instruments[1].instrumentType.isDerivative)
    }

    @Test("an error anywhere rejects the whole file")
    func allOrNothing() {
        var rows = [Self.header]
        for token in 1...500 { rows.append("\(token),\(token),SYM\(token),,0.0,,0.0,0.05,1,EQ,NSE,NSE") }
        rows.append("501,501,LAST,,0.0,2024-13-01,0.0,0.05,1,EQ,NSE,NSE")
        let error = Self.parseError(rows.joined(separator: "\n"))
        #expect(error?.line == 502)
        #expect(error?.column == "expiry")
    }
}
