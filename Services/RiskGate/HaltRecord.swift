import Foundation

/// A tripwire halt as kept in `system_state.halt` (with `system_state.halted` = true): it
/// survives restarts and ends at `until`, the next session's (week's) open.
struct HaltRecord: Codable, Sendable, Hashable {
    var kind: String
    var reason: String
    var until: Date
    var at: Date
}
