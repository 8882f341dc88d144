import Foundation
import Testing
import TradingCore

@Suite("UniverseBuilder")
struct UniverseBuilderTests {
    // The real dump's F&O contracts expire on 2017-11-30, 2017-12-28 and 2018-01-25.
    private static let realToday = "2017-12-01"

    private static func realInstruments() throws -> [KiteInstrument] {
        try KiteInstrumentCSVParser().parse(String(contentsOfFile: instrumentDumpAllPath, encoding: .utf8))
    }

    // MARK: Synthetic instruments

    private static func future(_ symbol: String, _ expiry: String, token: Int64, lot: Int = 75, tick: Int64 = 10,
                               name: String? = nil) -> KiteInstrument {
        KiteInstrument(instrumentToken: token, exchangeToken: token, tradingsymbol: symbol + expiry.prefix(7) + "FUT",
                       name: name ?? symbol, lastPrice: .zero, expiry: expiry, strike: .zero, tickSize: Paise(tick),
                       lotSize: lot, instrumentType: .future, segment: "NFO-FUT", exchange: "NFO")
    }

    private static func option(_ symbol: String, _ expiry: String, strikeRupees: Int64, _ type: KiteInstrumentType,
                               token: Int64, lot: Int = 75, name: String? = nil) -> KiteInstrument {
        KiteInstrument(instrumentToken: token, exchangeToken: token,
                       tradingsymbol: "\(symbol)\(expiry)\(strikeRupees)\(type)",
                       name: name ?? symbol, lastPrice: .zero, expiry: expiry, strike: Paise(strikeRupees * 100),
                       tickSize: Paise(5), lotSize: lot, instrumentType: type, segment: "NFO-OPT", exchange: "NFO")
    }

    /// NIFTY: index, an expired and two live futures (lot 75), two weekly and one monthly
    /// option expiry; BANKNIFTY options only (lot 35); RELIANCE cash, future and options;
    /// a SENSEX option on BFO that must be ignored.
    private static func syntheticInstruments() -> [KiteInstrument] {
        var token: Int64 = 1_000
        func next() -> Int64 { token += 1; return token }
        var list: [KiteInstrument] = [
            KiteInstrument(instrumentToken: 256_265, exchangeToken: 1_001, tradingsymbol: "NIFTY 50", name: "NIFTY 50",
                           lastPrice: .zero, expiry: nil, strike: .zero, tickSize: .zero, lotSize: 0,
                           instrumentType: .equity, segment: "INDICES", exchange: "NSE"),
            KiteInstrument(instrumentToken: 738_561, exchangeToken: 2_885, tradingsymbol: "RELIANCE",
                           name: "RELIANCE INDUSTRIES", lastPrice: .zero, expiry: nil, strike: .zero, tickSize: Paise(10),
                           lotSize: 1, instrumentType: .equity, segment: "NSE", exchange: "NSE"),
            future("NIFTY", "2025-08-28", token: next()),                       // expired
            future("NIFTY", "2025-10-28", token: next()),
            future("NIFTY", "2025-09-30", token: next()),                       // nearest live
            future("RELIANCE", "2025-09-30", token: next(), lot: 500, tick: 10),
            option("SENSEX", "2025-09-11", strikeRupees: 81_000, .call, token: next()),
        ]
        list[list.count - 1].exchange = "BFO"
        for expiry in ["2025-09-16", "2025-09-09", "2025-09-30", "2025-09-02"] {   // 2025-09-02 has expired
            for strike in stride(from: Int64(24_000), through: 25_000, by: 50) {
                list.append(option("NIFTY", expiry, strikeRupees: strike, .call, token: next()))
                list.append(option("NIFTY", expiry, strikeRupees: strike, .put, token: next()))
            }
        }
        // BANKNIFTY: 53 000…56 000 step 100, a call without a put at 56 100.
        for strike in stride(from: Int64(53_000), through: 56_000, by: 100) {
            list.append(option("BANKNIFTY", "2025-09-30", strikeRupees: strike, .put, token: next(), lot: 35))
            list.append(option("BANKNIFTY", "2025-09-30", strikeRupees: strike, .call, token: next(), lot: 35))
        }
        list.append(option("BANKNIFTY", "2025-09-30", strikeRupees: 56_100, .call, token: next(), lot: 35))
        list.append(option("RELIANCE", "2025-09-30", strikeRupees: 1_400, .call, token: next(), lot: 500))
        list.append(option("RELIANCE", "2025-09-30", strikeRupees: 1_400, .put, token: next(), lot: 500))
        return list
    }

    // MARK: Real dump

    @Test("real dump: BANKNIFTY and the configured stocks with their lots and expiries; banned and absent left out",
          .enabled(if: FileManager.default.fileExists(atPath: instrumentDumpAllPath),
                   "real data file ../shared/data/kite/instruments_all.csv is absent"))
    func realUniverse() throws {
        let builder = UniverseBuilder(instruments: try Self.realInstruments(),
                                      stockSymbols: ["ADANIPORTS", "INDIACEM", "INDIANB", "RELIANCE", "ADANIPORTS"],
                                      bannedSymbols: ["INDIACEM"],
                                      freezeQuantities: ["BANKNIFTY": 900, "INDIANB": 60_000])
        let universe = builder.build(today: Self.realToday)
        #expect(universe.symbols == ["BANKNIFTY", "ADANIPORTS", "INDIANB"])
        #expect(universe.banned == ["INDIACEM"])
        #expect(universe.unavailable == ["NIFTY", "FINNIFTY", "MIDCPNIFTY", "RELIANCE"])

        let bankNifty = try #require(universe.entry("BANKNIFTY"))
        #expect(bankNifty.kind == .index)
        #expect(bankNifty.lotSize == 40 && bankNifty.tickSize == Paise(5) && bankNifty.freezeQuantity == 900)
        #expect(bankNifty.expiries == ["2017-12-28", "2018-01-25"])        // 2017-11-30 has passed
        #expect(bankNifty.underlyingInstrument == nil && bankNifty.nearestFuture == nil)   // not in this dump

        let adaniPorts = try #require(universe.entry("ADANIPORTS"))
        #expect(adaniPorts.kind == .stock && adaniPorts.lotSize == 2_500 && adaniPorts.freezeQuantity == nil)
        #expect(adaniPorts.expiries == ["2017-12-28"])
        #expect(adaniPorts.underlyingInstrument?.instrumentToken == 3_861_249)   // the NSE cash row
        let indianBank = try #require(universe.entry("INDIANB"))
        #expect(indianBank.lotSize == 2_000 && indianBank.freezeQuantity == 60_000)

        // Unbanned, INDIACEM comes back with its own lot size.
        let unbanned = UniverseBuilder(instruments: try Self.realInstruments(), stockSymbols: ["INDIACEM"])
            .build(today: Self.realToday)
        #expect(unbanned.entry("INDIACEM")?.lotSize == 3_500)
        #expect(unbanned.banned.isEmpty)
    }

    @Test("real dump: expiries follow 'today'; after the last expiry nothing is left",
          .enabled(if: FileManager.default.fileExists(atPath: instrumentDumpAllPath),
                   "real data file ../shared/data/kite/instruments_all.csv is absent"))
    func realExpiriesFollowToday() throws {
        let builder = UniverseBuilder(instruments: try Self.realInstruments(), stockSymbols: ["INDIANB"])
        #expect(builder.build(today: "2017-11-20").entry("BANKNIFTY")?.expiries
                == ["2017-11-30", "2017-12-28", "2018-01-25"])
        // An expiry day itself still counts.
        #expect(builder.build(today: "2017-12-28").entry("INDIANB")?.expiries == ["2017-12-28"])
        #expect(builder.build(today: "2017-12-29").symbols == ["BANKNIFTY"])
        let late = builder.build(today: "2018-01-26")
        #expect(late.entries.isEmpty)
        #expect(late.unavailable == ["NIFTY", "BANKNIFTY", "FINNIFTY", "MIDCPNIFTY", "INDIANB"])
    }

    @Test("real dump: option chains are symmetric around ATM and from the nearest expiry",
          .enabled(if: FileManager.default.fileExists(atPath: instrumentDumpAllPath),
                   "real data file ../shared/data/kite/instruments_all.csv is absent"))
    func realOptionChain() throws {
        let builder = UniverseBuilder(instruments: try Self.realInstruments(), stockSymbols: ["INDIANB"])
        let indianBank = try #require(builder.optionChain(underlying: "INDIANB", spot: Paise(16_100), strikesAroundATM: 1,
                                                          today: Self.realToday))
        #expect(indianBank.expiry == "2017-12-28")
        #expect(indianBank.atmStrike == Paise(16_000))
        #expect(indianBank.strikes == [Paise(15_000), Paise(16_000), Paise(17_000)])   // 140 has no call
        #expect(indianBank.rows.allSatisfy { $0.call.expiry == "2017-12-28" && $0.put.expiry == "2017-12-28" })
        #expect(indianBank.rows[1].call.tradingsymbol == "INDIANB17DEC160CE")
        #expect(indianBank.rows[1].put.tradingsymbol == "INDIANB17DEC160PE")

        // After the December expiry BANKNIFTY's chain is January's: 23400…23700.
        let bankNifty = try #require(builder.optionChain(underlying: "BANKNIFTY", spot: Paise(2_356_000),
                                                         strikesAroundATM: 1, today: "2017-12-29"))
        #expect(bankNifty.expiry == "2018-01-25")
        #expect(bankNifty.atmStrike == Paise(2_360_000))
        #expect(bankNifty.strikes == [Paise(2_350_000), Paise(2_360_000), Paise(2_370_000)])
        #expect(bankNifty.rows.allSatisfy { $0.call.instrumentType == .call && $0.put.instrumentType == .put })
        #expect(bankNifty.rows.allSatisfy { $0.call.strike == $0.strike && $0.put.strike == $0.strike })

        // In December the nearest BANKNIFTY expiry has a put only: a chain with no pairs.
        let december = try #require(builder.optionChain(underlying: "BANKNIFTY", spot: Paise(2_356_000),
                                                        strikesAroundATM: 2, today: Self.realToday))
        #expect(december.expiry == "2017-12-28" && december.atmStrike == nil && december.rows.isEmpty)
        #expect(builder.optionChain(underlying: "NIFTY", spot: Paise(1_000_000), strikesAroundATM: 2,
                                    today: Self.realToday) == nil)
    }

    // MARK: Synthetic dump

    @Test("index instrument, nearest live future's lot and tick, freeze quantity, sorted expiries")
    func indexEntry() throws {
        let builder = UniverseBuilder(instruments: Self.syntheticInstruments(), stockSymbols: ["RELIANCE"],
                                      freezeQuantities: ["NIFTY": 1_800])
        let universe = builder.build(today: "2025-09-03")
        #expect(universe.symbols == ["NIFTY", "BANKNIFTY", "RELIANCE"])
        #expect(universe.unavailable == ["FINNIFTY", "MIDCPNIFTY"])
        let nifty = try #require(universe.entry("NIFTY"))
        #expect(nifty.underlyingInstrument?.instrumentToken == 256_265)
        #expect(nifty.nearestFuture?.expiry == "2025-09-30")
        #expect(nifty.lotSize == 75 && nifty.tickSize == Paise(10) && nifty.freezeQuantity == 1_800)
        #expect(nifty.expiries == ["2025-09-09", "2025-09-16", "2025-09-30", "2025-10-28"])
        #expect(nifty.nearestExpiry == "2025-09-09")
        let bankNifty = try #require(universe.entry("BANKNIFTY"))
        #expect(bankNifty.nearestFuture == nil && bankNifty.lotSize == 35 && bankNifty.tickSize == Paise(5))
        #expect(bankNifty.freezeQuantity == nil)
        let reliance = try #require(universe.entry("RELIANCE"))
        #expect(reliance.kind == .stock && reliance.lotSize == 500 && reliance.underlyingInstrument?.name == "RELIANCE INDUSTRIES")
        // SENSEX trades on BFO: never a candidate, never claimed.
        #expect(!universe.symbols.contains("SENSEX"))
    }

    @Test("universe tokens: each entry's own instrument and its live derivatives, nothing banned or expired")
    func universeTokens() throws {
        let instruments = Self.syntheticInstruments()
        let builder = UniverseBuilder(instruments: instruments, stockSymbols: ["RELIANCE"], bannedSymbols: ["BANKNIFTY"])
        let universe = builder.build(today: "2025-09-03")
        let tokens = builder.tokens(of: universe)
        #expect(tokens.contains(256_265)) // the NIFTY index row
        let byToken = Dictionary(uniqueKeysWithValues: instruments.map { ($0.instrumentToken, $0) })
        for token in tokens {
            let instrument = try #require(byToken[token])
            #expect(!instrument.tradingsymbol.hasPrefix("BANKNIFTY"), "banned underlying flagged: \(instrument.tradingsymbol)")
            if let expiry = instrument.expiry { #expect(expiry >= "2025-09-03", "expired contract flagged: \(instrument.tradingsymbol)") }
        }
        let liveNiftyDerivatives = instruments.filter { $0.tradingsymbol.hasPrefix("NIFTY") && ($0.expiry ?? "") >= "2025-09-03"
            && $0.exchange == "NFO" }
        #expect(!liveNiftyDerivatives.isEmpty)
        #expect(liveNiftyDerivatives.allSatisfy { tokens.contains($0.instrumentToken) })
    }

    @Test("the ban list removes stocks (and indices) and reports them")
    func banList() {
        let builder = UniverseBuilder(instruments: Self.syntheticInstruments(), stockSymbols: ["RELIANCE", "TCS"],
                                      bannedSymbols: ["RELIANCE", "BANKNIFTY", "NOTCONFIGURED"])
        let universe = builder.build(today: "2025-09-03")
        #expect(universe.symbols == ["NIFTY"])
        #expect(universe.banned == ["BANKNIFTY", "RELIANCE"])
        #expect(universe.unavailable == ["FINNIFTY", "MIDCPNIFTY", "TCS"])
    }

    @Test("top N by volume: after the configured stocks, skipping banned and unavailable ones, ties by symbol")
    func topByVolume() {
        var instruments = Self.syntheticInstruments()
        instruments.append(Self.future("INFY", "2025-09-30", token: 9_001, lot: 400, tick: 10))
        instruments.append(Self.future("SBIN", "2025-09-30", token: 9_002, lot: 750, tick: 5))
        instruments.append(Self.future("ITC", "2025-09-30", token: 9_003, lot: 1_600, tick: 5))
        let volumes: [String: Int64] = ["TCS": 9_000, "SBIN": 5_000, "INFY": 5_000, "RELIANCE": 8_000, "ITC": 100, "NIFTY": 99_999]
        let builder = UniverseBuilder(instruments: instruments, stockSymbols: ["RELIANCE"], bannedSymbols: ["SBIN"],
                                      volumes: volumes, topByVolume: 2)
        let universe = builder.build(today: "2025-09-03")
        // TCS has no derivatives, RELIANCE is already configured, SBIN is banned: INFY then ITC.
        #expect(universe.symbols == ["NIFTY", "BANKNIFTY", "RELIANCE", "INFY", "ITC"])
        #expect(universe.banned == ["SBIN"])
        #expect(universe.entry("INFY")?.lotSize == 400 && universe.entry("INFY")?.kind == .stock)
        let none = UniverseBuilder(instruments: instruments, stockSymbols: [], volumes: volumes, topByVolume: 0).build(today: "2025-09-03")
        #expect(none.symbols == ["NIFTY", "BANKNIFTY"])
    }

    @Test("option chain: N strikes each side of the strike nearest spot, all from the nearest expiry",
          arguments: [(Int64(2_451_000), Int64(2_450_000)), (2_452_500, 2_450_000), (2_452_600, 2_455_000),
                      (2_449_999, 2_450_000)])
    func syntheticChain(spot: Int64, atm: Int64) throws {
        let builder = UniverseBuilder(instruments: Self.syntheticInstruments(), stockSymbols: [])
        let chain = try #require(builder.optionChain(underlying: "NIFTY", spot: Paise(spot), strikesAroundATM: 3,
                                                     today: "2025-09-03"))
        #expect(chain.expiry == "2025-09-09")
        #expect(chain.atmStrike == Paise(atm))
        #expect(chain.strikes == (-3...3).map { Paise(atm + Int64($0) * 5_000) })
        #expect(chain.rows.allSatisfy { $0.call.expiry == "2025-09-09" && $0.put.expiry == "2025-09-09" })
        #expect(chain.rows.allSatisfy { $0.call.instrumentType == .call && $0.put.instrumentType == .put })
        #expect(chain.rows.allSatisfy { $0.call.strike == $0.strike && $0.put.strike == $0.strike })
    }

    @Test("option chain: the chain runs out at the edges; unpaired strikes are never ATM; N = 0 is ATM alone")
    func chainEdges() throws {
        let builder = UniverseBuilder(instruments: Self.syntheticInstruments(), stockSymbols: [])
        let low = try #require(builder.optionChain(underlying: "NIFTY", spot: Paise(2_300_000), strikesAroundATM: 2,
                                                   today: "2025-09-03"))
        #expect(low.strikes == [Paise(2_400_000), Paise(2_405_000), Paise(2_410_000)])
        // 56 100 has a call only: a spot there takes 56 000 as ATM.
        let high = try #require(builder.optionChain(underlying: "BANKNIFTY", spot: Paise(5_611_000),
                                                    strikesAroundATM: 1, today: "2025-09-03"))
        #expect(high.atmStrike == Paise(5_600_000))
        #expect(high.strikes == [Paise(5_590_000), Paise(5_600_000)])
        let single = try #require(builder.optionChain(underlying: "NIFTY", spot: Paise(2_450_000), strikesAroundATM: 0,
                                                      today: "2025-09-10"))
        #expect(single.expiry == "2025-09-16" && single.strikes == [Paise(2_450_000)])
        #expect(builder.optionChain(underlying: "NIFTY", spot: Paise(2_450_000), strikesAroundATM: 1,
                                    today: "2025-10-01") == nil)
    }

    @Test("without a name column, a derivative belongs to the longest known symbol followed by the year")
    func underlyingFromTradingsymbol() {
        let instruments = [
            Self.future("M&M", "2025-09-30", token: 1, lot: 200, name: ""),
            Self.future("M&MFIN", "2025-09-30", token: 2, lot: 2_000, name: ""),
            Self.future("NIFTYNXT50", "2025-09-30", token: 3, lot: 25, name: ""),
        ]
        let universe = UniverseBuilder(instruments: instruments, stockSymbols: ["M&M", "M&MFIN"]).build(today: "2025-09-01")
        #expect(universe.entry("M&M")?.lotSize == 200)
        #expect(universe.entry("M&MFIN")?.lotSize == 2_000)
        #expect(universe.entry("NIFTY") == nil)                   // NIFTYNXT50… is not NIFTY's
    }
}
