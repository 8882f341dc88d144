/// A signal with its ranking explanation.
public struct RankedSignal: Hashable, Sendable {
    public var signal: TradeSignal
    public var explanation: SignalExplanation

    public init(signal: TradeSignal, explanation: SignalExplanation) {
        self.signal = signal
        self.explanation = explanation
    }
}
