import Testing
import TradingCore

@Suite("PaperFillModel")
struct PaperFillModelTests {
    private static let model = PaperFillModel(slippageBps: 10, tickSize: Paise(5))   // 10 bps = 0.1 %

    @Test("market buy fills above last by the slippage, rounded to the tick")
    func marketBuy() {
        // 2,473,405 × 1.001 = 2,475,878.405 → 2,475,878 paise → 2,475,878 = …875 + 3 → tick up → 2,475,880
        #expect(Self.model.marketFillPrice(side: .buy, lastPrice: Paise(2_473_405)) == Paise(2_475_880))
        // 2,480,000 × 1.001 = 2,482,480 (already on the grid)
        #expect(Self.model.marketFillPrice(side: .buy, lastPrice: Paise(2_480_000)) == Paise(2_482_480))
    }

    @Test("market sell fills below last by the slippage, rounded to the tick")
    func marketSell() {
        // 2,473,405 × 0.999 = 2,470,931.595 → 2,470,932 = …930 + 2 → tick down → 2,470,930
        #expect(Self.model.marketFillPrice(side: .sell, lastPrice: Paise(2_473_405)) == Paise(2_470_930))
        // 2,470,000 × 0.999 = 2,467,530
        #expect(Self.model.marketFillPrice(side: .sell, lastPrice: Paise(2_470_000)) == Paise(2_467_530))
    }

    @Test("the tick rounding is against the trader: it never gives back part of the slippage")
    func roundingAgainstTheTrader() {
        let model = PaperFillModel(slippageBps: 2, tickSize: Paise(5))
        // 24,846.40 × 1.0002 = 24,851.369 → 24,851.37 → up to 24,851.40 (nearest would be 24,851.35)
        #expect(model.marketFillPrice(side: .buy, lastPrice: Paise(2_484_640)) == Paise(2_485_140))
        // 24,846.40 × 0.9998 = 24,841.43 → down to 24,841.40 (nearest would be 24,841.45)
        #expect(model.marketFillPrice(side: .sell, lastPrice: Paise(2_484_640)) == Paise(2_484_140))
    }

    @Test("zero slippage fills at last")
    func zeroSlippage() {
        let model = PaperFillModel(slippageBps: 0, tickSize: Paise(5))
        #expect(model.marketFillPrice(side: .buy, lastPrice: Paise(2_473_405)) == Paise(2_473_405))
        #expect(model.marketFillPrice(side: .sell, lastPrice: Paise(2_473_405)) == Paise(2_473_405))
    }

    @Test("a fill is never at or below zero, however tiny the price")
    func neverNonPositive() {
        // 1 paisa × 0.999 = 0.999 → 1 → nearest 5-paise tick is 0 → floored at one tick (5)
        #expect(Self.model.marketFillPrice(side: .sell, lastPrice: Paise(1)) == Paise(5))
        // 100 % slippage: 5 × 0 = 0 → floored at 5
        let extreme = PaperFillModel(slippageBps: 10_000, tickSize: Paise(5))
        #expect(extreme.marketFillPrice(side: .sell, lastPrice: Paise(5)) == Paise(5))
        // No tick configured: floor is one paisa.
        let noTick = PaperFillModel(slippageBps: 10_000, tickSize: .zero)
        #expect(noTick.marketFillPrice(side: .sell, lastPrice: Paise(1)) == Paise(1))
        for last in 1...50 {
            for side in [Side.buy, .sell] {
                let price = Self.model.marketFillPrice(side: side, lastPrice: Paise(Int64(last)))
                #expect(price > .zero)
                #expect(price.value % 5 == 0)
            }
        }
    }

    @Test("triggered leg of a long: at or below stop → STOP, at or above target → TARGET", arguments: [
        (Int64(2_475_000), OcoLeg?.none),
        (2_470_000, .stop),      // touches the stop exactly
        (2_460_000, .stop),      // gaps through it
        (2_480_000, .target),    // touches the target exactly
        (2_490_000, .target),
        (2_470_005, nil),
        (2_479_995, nil),
    ])
    func triggeredLong(last: Int64, expected: OcoLeg?) {
        #expect(Self.model.triggeredLeg(positionSide: .buy, stop: Paise(2_470_000), target: Paise(2_480_000),
                                        lastPrice: Paise(last)) == expected)
    }

    @Test("triggered leg of a short: at or above stop → STOP, at or below target → TARGET", arguments: [
        (Int64(2_475_000), OcoLeg?.none),
        (2_480_000, .stop),
        (2_490_000, .stop),
        (2_470_000, .target),
        (2_460_000, .target),
    ])
    func triggeredShort(last: Int64, expected: OcoLeg?) {
        #expect(Self.model.triggeredLeg(positionSide: .sell, stop: Paise(2_480_000), target: Paise(2_470_000),
                                        lastPrice: Paise(last)) == expected)
    }

    @Test("when one price satisfies both stop and target, the stop wins")
    func stopWins() {
        // Degenerate long: stop ₹100 ≥ target ₹90; last ₹95 is ≤ stop and ≥ target.
        #expect(Self.model.triggeredLeg(positionSide: .buy, stop: Paise(10_000), target: Paise(9_000),
                                        lastPrice: Paise(9_500)) == .stop)
        // Degenerate long with stop == target: last at that price.
        #expect(Self.model.triggeredLeg(positionSide: .buy, stop: Paise(10_000), target: Paise(10_000),
                                        lastPrice: Paise(10_000)) == .stop)
        // Degenerate short: stop ₹90 ≤ target ₹100; last ₹95 is ≥ stop and ≤ target.
        #expect(Self.model.triggeredLeg(positionSide: .sell, stop: Paise(9_000), target: Paise(10_000),
                                        lastPrice: Paise(9_500)) == .stop)
    }

    @Test("a target fills at its limit price; a stop fills as a market order against the position")
    func fillPrices() {
        // Target: the limit price regardless of how far last ran through it.
        #expect(Self.model.fillPrice(of: .target, positionSide: .buy, target: Paise(2_480_000),
                                     lastPrice: Paise(2_490_000)) == Paise(2_480_000))
        #expect(Self.model.fillPrice(of: .target, positionSide: .sell, target: Paise(2_470_000),
                                     lastPrice: Paise(2_460_000)) == Paise(2_470_000))
        // Long stop sells at market: 2,470,000 × 0.999 = 2,467,530
        #expect(Self.model.fillPrice(of: .stop, positionSide: .buy, target: Paise(2_480_000),
                                     lastPrice: Paise(2_470_000)) == Paise(2_467_530))
        // Short stop buys at market: 2,480,000 × 1.001 = 2,482,480
        #expect(Self.model.fillPrice(of: .stop, positionSide: .sell, target: Paise(2_470_000),
                                     lastPrice: Paise(2_480_000)) == Paise(2_482_480))
    }
}
