import Foundation

/// One problem with the order of a bar file's rows, named by its line (1-based, the header
/// counted). Duplicates and unsorted rows refuse the file; gaps (between two bars of a day, or
/// at a session's open or close) are allowed and reported.
public struct BarFileIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// The same start as an earlier row (`otherLine`).
        case duplicate
        /// A start earlier than the latest start above it (on `otherLine`).
        case unsorted
        /// Bars missing inside the NSE session between `otherLine`'s bar and this one.
        case gap
        /// Bars missing from the session's open (09:15 IST, `otherStart`) to the day's first bar (this line, `start`).
        case lateOpen
        /// Bars missing from the end of the day's last bar (this line; `otherStart` = its start plus the
        /// bar length) to the session's close (15:30 IST, `start`).
        case earlyClose
    }

    public var kind: Kind
    public var line: Int
    /// The earlier row this one is compared with (the row itself for a late open or an early close).
    public var otherLine: Int
    /// This row's start and the other row's, as Unix seconds; for a late open or an early close,
    /// the missing stretch runs from `otherStart` to `start` (see `Kind`).
    public var start: Int64
    public var otherStart: Int64
    /// Bars missing (gaps only; 0 otherwise).
    public var missingBars: Int

    public init(kind: Kind, line: Int, otherLine: Int, start: Int64, otherStart: Int64, missingBars: Int = 0) {
        self.kind = kind
        self.line = line
        self.otherLine = otherLine
        self.start = start
        self.otherStart = otherStart
        self.missingBars = missingBars
    }

    /// Duplicates and unsorted rows; a gap (also at a session's open or close) is only a warning.
    public var refuses: Bool { kind == .duplicate || kind == .unsorted }

    /// e.g. `line 120: gap 10:02→10:07 IST on 2025-09-04, 4 bars missing`,
    /// `line 57: session opens at 09:30 IST on 2025-09-05, 15 bars missing since 09:15`,
    /// `line 400: session ends at 15:00 IST on 2025-09-05, 30 bars missing to 15:30`.
    public var description: String { "line \(line): \(detail)" }

    /// The description without the line: `gap 10:02→10:07 IST, 4 bars missing`.
    public var detail: String {
        switch kind {
        case .duplicate:
            "duplicate of line \(otherLine) (\(Self.istText(start)) IST)"
        case .unsorted:
            "\(Self.istText(start)) IST is earlier than line \(otherLine) (\(Self.istText(otherStart)) IST)"
        case .gap:
            "gap \(Self.istTime(otherStart))→\(Self.istTime(start)) IST on \(Self.istText(start).prefix(10)), "
                + "\(missingBars) bar\(missingBars == 1 ? "" : "s") missing"
        case .lateOpen:
            "session opens at \(Self.istTime(start)) IST on \(Self.istText(start).prefix(10)), "
                + "\(missingBars) bar\(missingBars == 1 ? "" : "s") missing since \(Self.istTime(otherStart))"
        case .earlyClose:
            "session ends at \(Self.istTime(otherStart)) IST on \(Self.istText(otherStart).prefix(10)), "
                + "\(missingBars) bar\(missingBars == 1 ? "" : "s") missing to \(Self.istTime(start))"
        }
    }

    /// `yyyy-MM-dd HH:mm[:ss]` in IST (seconds only when not zero).
    static func istText(_ seconds: Int64) -> String {
        let iso = IST.isoString(Date(timeIntervalSince1970: Double(seconds)))
        return String(iso.prefix(10)) + " " + istTime(seconds)
    }

    /// `HH:mm` in IST, `HH:mm:ss` when the second is not zero.
    static func istTime(_ seconds: Int64) -> String {
        let iso = IST.isoString(Date(timeIntervalSince1970: Double(seconds)))
        let time = iso.dropFirst(11).prefix(8)
        return time.hasSuffix(":00") ? String(time.prefix(5)) : String(time)
    }
}
