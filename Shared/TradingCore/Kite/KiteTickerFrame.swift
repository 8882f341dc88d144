/// What one binary WebSocket message from the Kite ticker decoded to: the ticks, plus a
/// count of every packet that was skipped and why.
///
/// Unless the message is a heartbeat, `ticks.count + skippedPackets == declaredPacketCount`.
public struct KiteTickerFrame: Hashable, Sendable {
    /// Decoded ticks in the order they appear in the message.
    public var ticks: [KiteTick]
    /// The packet count in the message header (0 for a heartbeat or an empty message).
    public var declaredPacketCount: Int
    /// Declared packets the message ended before: a length prefix or a packet body cut short,
    /// and every declared packet after it.
    public var truncatedPackets: Int
    /// Packets whose length is none of 8, 28, 32, 44 or 184.
    public var unknownLengthPackets: Int
    /// Currency-segment packets (CDS, BCD), whose prices are not in paise and so are not decoded.
    public var unsupportedSegmentPackets: Int
    /// Bytes after the last declared packet.
    public var trailingBytes: Int
    /// A message shorter than the 2-byte header: Kite's 1-byte keep-alive (or an empty message).
    public var isHeartbeat: Bool

    public init(ticks: [KiteTick] = [], declaredPacketCount: Int = 0, truncatedPackets: Int = 0,
                unknownLengthPackets: Int = 0, unsupportedSegmentPackets: Int = 0, trailingBytes: Int = 0,
                isHeartbeat: Bool = false) {
        self.ticks = ticks
        self.declaredPacketCount = declaredPacketCount
        self.truncatedPackets = truncatedPackets
        self.unknownLengthPackets = unknownLengthPackets
        self.unsupportedSegmentPackets = unsupportedSegmentPackets
        self.trailingBytes = trailingBytes
        self.isHeartbeat = isHeartbeat
    }

    /// Every declared packet that did not become a tick.
    public var skippedPackets: Int { truncatedPackets + unknownLengthPackets + unsupportedSegmentPackets }
}
