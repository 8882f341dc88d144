import Foundation
import Logging
import Messages
import ServiceKit
import PostgresStore
import ServiceLifecycle
import TradingCore

/// Runs the configured feed until shutdown. A replay that finishes leaves the process
/// up (heartbeat, metrics) until it is stopped; a replay file that does not parse stops
/// the process with the file and line.
struct FeedService: Service {
    let context: ServiceKitContext
    let settings: MarketdataSettings
    let publisher: MarketPublisher
    let instruments: InstrumentSync

    func run() async throws {
        await instruments.syncWithRetry()
        switch settings.feed {
        case .sim: try await runSimulation()
        case .replay: try await runReplay()
        }
        try? await gracefulShutdown()
    }

    private func runSimulation() async throws {
        var simulators = settings.symbols.map {
            TickSimulator(symbol: $0, basePrice: settings.basePrice, tickSize: settings.tickSize, seed: settings.seed)
        }
        // Simulated time starts at today's 09:15 IST, or where a previous run of today left
        // off (so a restart never re-publishes bars whose signals are already recorded), and
        // advances one minute per sim_bar_ms.
        var simulatedNow = await resumePoint()
        var ticksSent = 0
        let step = 60.0 / Double(settings.ticksPerBar)
        let pause = Duration.milliseconds(max(1, settings.simBarMilliseconds / settings.ticksPerBar))
        context.logger.info("simulated feed started", metadata: ["feed.symbols": "\(settings.symbols)", "feed.seed": "\(settings.seed)"])
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            for index in simulators.indices {
                await publisher.publish(tick: simulators[index].next(at: simulatedNow))
            }
            simulatedNow = simulatedNow.addingTimeInterval(step)
            ticksSent += 1
            if ticksSent % settings.ticksPerBar == 0 {
                let point = simulatedNow
                Task { await saveResumePoint(point) } // never stalls the feed on a slow Postgres
            }
            try? await Task.sleep(for: pause)
        }
    }

    private static let resumeKey = "marketdata.sim_clock"

    private func resumePoint() async -> Date {
        let open = IST.instant(onDayOf: context.clock.now(), hour: 9, minute: 15)
        let saved = try? await context.database.withConnection { db in try SystemStateRepository.get(Self.resumeKey, on: db) }
        guard let text = saved.flatMap({ $0 }), let date = Timestamp.parse(text.trimmingCharacters(in: CharacterSet(charactersIn: "\""))),
              date > open else { return open }
        return date
    }

    private func saveResumePoint(_ date: Date) async {
        let value = "\"\(Timestamp.format(date))\""
        _ = try? await context.database.withConnection { db in try SystemStateRepository.set(Self.resumeKey, json: value, on: db) }
    }

    private func runReplay() async throws {
        let path = settings.replayFile
        let bars: [Bar]
        do {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            bars = try BarCSVParser(symbol: settings.replaySymbol).parse(text)
        } catch let error as BarCSVParser.ParseError {
            context.logger.critical("replay file rejected", metadata: ["replay.file": "\(path)", "replay.line": "\(error.line)", "error": "\(error.reason)"])
            FileHandle.standardError.write(Data("marketdata: \(path):\(error.line): \(error.reason)\n".utf8))
            exit(3)
        } catch {
            context.logger.critical("replay file unreadable", metadata: ["replay.file": "\(path)", "error": "\(error)"])
            FileHandle.standardError.write(Data("marketdata: cannot read \(path): \(error)\n".utf8))
            exit(3)
        }
        context.logger.info("replay started", metadata: ["replay.file": "\(path)", "replay.bars": "\(bars.count)"])
        for bar in bars {
            if Task.isShuttingDownGracefully || Task.isCancelled { return }
            // The bar's close arrives as a tick at the end of its minute, then the bar closes.
            let trace = TraceID.make()
            let tick = Tick(symbol: bar.symbol, timestamp: bar.start.addingTimeInterval(59), lastPrice: bar.close, volume: bar.volume)
            await publisher.publishReplayed(tick: tick, bar: bar, trace: trace)
            if settings.replayIntervalMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(settings.replayIntervalMilliseconds)) }
        }
        context.logger.info("replay finished", metadata: ["replay.bars": "\(bars.count)"])
    }
}
