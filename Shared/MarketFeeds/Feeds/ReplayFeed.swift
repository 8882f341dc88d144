import Foundation
import Messages
import ServiceKit
import ServiceLifecycle
import TradingCore

/// Replays `timestamp,open,high,low,close,volume` CSV files, one per symbol, merged by
/// time, at real speed, N times faster, or as fast as possible (`replay_speed`). Every
/// file is parsed in full before the first bar goes out: a bad row stops the process with
/// the file and line, and nothing of any file has been published.
public struct ReplayFeed: MarketFeed {
    public let context: ServiceKitContext
    public let settings: MarketdataSettings
    public var name: String { "replay" }

    /// A replay file that cannot be used; `description` is `file:line: reason`.
    public struct FileError: Error, CustomStringConvertible {
        public let file: String
        public let line: Int?
        public let reason: String
        public var description: String { line.map { "\(file):\($0): \(reason)" } ?? "\(file): \(reason)" }
    }

    public init(context: ServiceKitContext, settings: MarketdataSettings) {
        self.context = context
        self.settings = settings
    }

    /// Parses every configured file; the first bad one throws.
    public static func load(_ sources: [MarketdataSettings.ReplaySource]) throws(FileError) -> [[Bar]] {
        var series: [[Bar]] = []
        for source in sources {
            let text: String
            do {
                text = try String(contentsOfFile: source.path, encoding: .utf8)
            } catch {
                throw FileError(file: source.path, line: nil, reason: "cannot read: \(error.localizedDescription)")
            }
            do {
                series.append(try BarCSVParser(symbol: source.symbol).parse(text))
            } catch {
                throw FileError(file: source.path, line: error.line, reason: error.reason)
            }
        }
        return series
    }

    public func run(publisher: MarketPublisher) async throws {
        let plan: ReplayPlan
        do {
            plan = ReplayPlan(series: try Self.load(settings.replaySources), speed: settings.replaySpeed)
        } catch {
            context.logger.critical("replay file rejected, nothing published", metadata: [
                "replay.file": "\(error.file)", "replay.line": "\(error.line.map(String.init) ?? "")", "error": "\(error.reason)"])
            FileHandle.standardError.write(Data("marketdata: \(error)\n".utf8))
            exit(3)
        }
        context.logger.info("replay started", metadata: [
            "replay.files": "\(settings.replaySources.map(\.path))", "replay.bars": "\(plan.barCount)", "replay.speed": "\(settings.replaySpeed)"])
        for index in plan.steps.indices {
            if Task.isShuttingDownGracefully || Task.isCancelled { return }
            let pause = plan.pauseSeconds(before: index)
            if pause > 0 { try? await Task.sleep(for: .milliseconds(Int((pause * 1000).rounded()))) }
            await publisher.publishReplayed(bars: plan.steps[index], timeframe: settings.replayTimeframe)
        }
        context.logger.info("replay finished", metadata: ["replay.bars": "\(plan.barCount)"])
    }
}
