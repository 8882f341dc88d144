import Foundation

/// One walk-forward window: the grid point with the best training score (see
/// `SensitivityGrid.score`) is chosen on `trainSessions`, then run unchanged on `testSessions`.
public struct WalkForwardWindow: Hashable, Sendable, Codable {
    public var index: Int
    public var trainSessions: [String]
    public var testSessions: [String]
    /// The chosen values of the grid's x and y keys.
    public var chosenX: String
    public var chosenY: String
    public var trainScore: Double?
    public var train: BacktestMetrics
    public var test: BacktestMetrics

    public init(index: Int, trainSessions: [String], testSessions: [String], chosenX: String, chosenY: String,
                trainScore: Double?, train: BacktestMetrics, test: BacktestMetrics) {
        self.index = index
        self.trainSessions = trainSessions
        self.testSessions = testSessions
        self.chosenX = chosenX
        self.chosenY = chosenY
        self.trainScore = trainScore
        self.train = train
        self.test = test
    }
}
