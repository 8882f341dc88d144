/// The charges of one executed order (or of a round trip, summed), each rounded to paise.
public struct ChargeBreakdown: Sendable, Hashable, Codable {
    public var brokerage: Paise
    public var stt: Paise
    public var exchange: Paise
    public var sebi: Paise
    public var stamp: Paise
    public var gst: Paise

    public init(brokerage: Paise = .zero, stt: Paise = .zero, exchange: Paise = .zero, sebi: Paise = .zero,
                stamp: Paise = .zero, gst: Paise = .zero) {
        self.brokerage = brokerage
        self.stt = stt
        self.exchange = exchange
        self.sebi = sebi
        self.stamp = stamp
        self.gst = gst
    }

    public static let zero = ChargeBreakdown()

    public var total: Paise { brokerage + stt + exchange + sebi + stamp + gst }

    public static func + (lhs: ChargeBreakdown, rhs: ChargeBreakdown) -> ChargeBreakdown {
        ChargeBreakdown(brokerage: lhs.brokerage + rhs.brokerage, stt: lhs.stt + rhs.stt, exchange: lhs.exchange + rhs.exchange,
                        sebi: lhs.sebi + rhs.sebi, stamp: lhs.stamp + rhs.stamp, gst: lhs.gst + rhs.gst)
    }
}
