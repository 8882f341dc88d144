import Foundation
import Logging
import Messages
import PostgresStore
import ServiceKit
import TradingCore

/// Loads the instruments and the universe into `instruments` and publishes
/// `md.instruments`; runs at start and on every `instruments.sync` job.
///
/// With `marketdata.instruments_file` set, the whole Kite dump is parsed first (a bad row
/// is logged with file and line and nothing is written), the universe is built from
/// `marketdata.universe_stocks` and `marketdata.ban_list` for today's IST day, and every row
/// is upserted in one transaction with `in_universe` set for the universe. In every case
/// the configured simulated or replayed symbols are registered (with the configured lot and
/// tick size) in the same transaction, so the skeleton keeps trading them.
public struct InstrumentSync: Sendable {
    let context: ServiceKitContext
    let settings: MarketdataSettings

    public init(context: ServiceKitContext, settings: MarketdataSettings) {
        self.context = context
        self.settings = settings
    }

    /// The instrument file could not be read or parsed; already logged, retrying will not help.
    public struct FileError: Error, CustomStringConvertible {
        public let file: String
        public let line: Int?
        public let reason: String
        public var description: String { line.map { "\(file):\($0): \(reason)" } ?? "\(file): \(reason)" }
    }

    public func sync(trace: String) async throws {
        let dump = try loadDump(trace: trace)
        let configured = settings.publishedSymbols
        let lotSize = settings.lotSize, tickSize = settings.tickSize
        // A configured symbol that the dump already lists on NSE is its own row; a synthetic
        // one under another token would break the unique (exchange, tradingsymbol).
        let dumpNSE = Set((dump?.instruments ?? []).lazy.filter { $0.exchange == "NSE" }.map(\.tradingsymbol))
        let synthetic = configured.filter { !dumpNSE.contains($0) }
        let written = try await context.database.transaction { db in
            var count = 0
            if let dump {
                count += try InstrumentRepository.upsertKite(dump.instruments, universeTokens: dump.universeTokens, on: db)
            }
            for symbol in synthetic {
                try InstrumentRepository.upsert(token: Self.syntheticToken(symbol), exchange: "NSE", symbol: symbol, name: symbol,
                                                segment: "INDICES", instrumentType: "INDEX", tickSize: tickSize, lotSize: lotSize,
                                                inUniverse: true, on: db)
                count += 1
            }
            return count
        }
        var symbols = dump?.universe.symbols ?? []
        var entries = dump?.universe.entries.map(UniverseEntryPayload.init) ?? []
        for symbol in configured where !symbols.contains(symbol) {
            symbols.append(symbol)
            entries.append(UniverseEntryPayload(symbol: symbol, kind: UniverseBuilder.indexSymbols.contains(symbol) ? "index" : "stock",
                                                lotSize: lotSize, tickSizePaise: tickSize.value,
                                                freezeQuantity: settings.freezeQuantities[symbol], expiries: []))
        }
        await context.bus.publish(.instruments, on: Channel.instruments, trace: trace, mode: .paper, payload: InstrumentsPayload(
            count: written, symbols: symbols, day: IST.dayString(context.clock.now()), universe: entries,
            banned: dump?.universe.banned ?? [], unavailable: dump?.universe.unavailable ?? []))
        var metadata: Logger.Metadata = ["trace": "\(trace)", "instruments.count": "\(written)", "instruments.symbols": "\(symbols)"]
        if let universe = dump?.universe {
            metadata["universe.day"] = "\(universe.today)"
            metadata["universe.banned"] = "\(universe.banned)"
            metadata["universe.unavailable"] = "\(universe.unavailable)"
        }
        context.logger.info("instruments synced", metadata: metadata)
    }

    /// A stable synthetic token for a configured symbol the Kite dump does not list.
    static func syntheticToken(_ symbol: String) -> Int64 {
        Int64(bitPattern: SHA256.digest(Array(symbol.utf8)).prefix(8).reduce(0) { $0 << 8 | UInt64($1) }) & 0x7FFF_FFFF_FFFF
    }

    private struct Dump: Sendable {
        let instruments: [KiteInstrument]
        let universe: Universe
        let universeTokens: Set<Int64>
    }

    /// The parsed dump and today's universe, or nil when no file is configured.
    private func loadDump(trace: String) throws -> Dump? {
        let path = settings.instrumentsFile
        guard !path.isEmpty else { return nil }
        let instruments: [KiteInstrument]
        do {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            instruments = try KiteInstrumentCSVParser().parse(text)
        } catch let error as KiteInstrumentCSVParser.ParseError {
            context.logger.error("instrument file rejected, nothing loaded", metadata: [
                "trace": "\(trace)", "instruments.file": "\(path)", "instruments.line": "\(error.line)",
                "instruments.column": "\(error.column ?? "")", "error": "\(error.reason)"])
            throw FileError(file: path, line: error.line, reason: error.reason)
        } catch {
            context.logger.error("instrument file unreadable, nothing loaded", metadata: [
                "trace": "\(trace)", "instruments.file": "\(path)", "error": "\(error)"])
            throw FileError(file: path, line: nil, reason: "\(error)")
        }
        let today = IST.dayString(context.clock.now())
        let banned = Set(settings.banList).union(try readList(settings.banListFile, empty: [], trace: trace, SymbolListParser.banList))
        let volumes = try readList(settings.volumeFile, empty: [:], trace: trace, SymbolListParser.volumes)
        let builder = UniverseBuilder(instruments: instruments, stockSymbols: settings.universeStocks, bannedSymbols: banned,
                                      freezeQuantities: settings.freezeQuantities, volumes: volumes, topByVolume: settings.universeTopN)
        let universe = builder.build(today: today)
        return Dump(instruments: instruments, universe: universe, universeTokens: builder.tokens(of: universe))
    }

    /// A ban list or volume file parsed whole (empty path: the empty value); a bad line is
    /// logged with file and line and nothing is loaded.
    private func readList<T>(_ path: String, empty: T, trace: String, _ parse: (String) throws(SymbolListParser.ParseError) -> T) throws -> T {
        guard !path.isEmpty else { return empty }
        do {
            return try parse(try String(contentsOfFile: path, encoding: .utf8))
        } catch let error as SymbolListParser.ParseError {
            context.logger.error("universe file rejected, nothing loaded", metadata: [
                "trace": "\(trace)", "universe.file": "\(path)", "universe.line": "\(error.line)", "error": "\(error.reason)"])
            throw FileError(file: path, line: error.line, reason: error.reason)
        } catch {
            context.logger.error("universe file unreadable, nothing loaded", metadata: ["trace": "\(trace)", "universe.file": "\(path)", "error": "\(error)"])
            throw FileError(file: path, line: nil, reason: "\(error)")
        }
    }

    /// At start: keep trying until Postgres answers, so the universe is known before trading.
    /// A bad instrument file is not retried (it is logged and nothing is loaded).
    public func syncWithRetry() async {
        await retryUntilSuccess(logger: context.logger, message: "instrument sync failed, retrying",
                                isFinal: { $0 is FileError }) {
            try await sync(trace: TraceID.make())
        }
    }
}
