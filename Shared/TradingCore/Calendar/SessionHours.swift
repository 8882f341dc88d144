/// The continuous session of one trading day, in minutes since IST midnight.
public struct SessionHours: Hashable, Sendable, Codable {
    public var openMinute: Int
    public var closeMinute: Int

    public init(openMinute: Int, closeMinute: Int) {
        self.openMinute = openMinute
        self.closeMinute = closeMinute
    }

    /// 09:15–15:30 IST.
    public static let regular = SessionHours(openMinute: NSESession.openMinute, closeMinute: NSESession.closeMinute)

    public var isRegular: Bool { self == .regular }
}
