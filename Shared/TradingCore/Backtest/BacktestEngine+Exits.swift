import Foundation

/// The fills and exits of `BacktestEngine`, bar by bar.
///
/// `backtest.exits: bracket`: stop / target on the bar's range, the stop winning when a bar
/// reaches both. Stops fill as SL-M market orders at the stop (or the open, if the bar gapped
/// through it) with slippage; targets fill at the target (a limit). With TP2 the stop moved by
/// TP1 is checked from the next bar.
///
/// `backtest.exits: executor`: the bar is observed as four prices in this order — the open
/// (at the bar's start), the adverse extreme, the favourable extreme (both at the start) and the
/// close (at the bar's end) — adverse before favourable, the pessimistic reading of a bar whose
/// path is unknown. At each observation, as the executor handles a tick: the working stop
/// (at its current trigger: initial, breakeven or trailed) fills if the price is at or beyond
/// it — at the open when it gapped there, otherwise at the trigger; then TP1 / TP2 fill at their
/// levels when reached (TP1 moves the stop to breakeven through the `OcoGroup`); then the
/// `ExitTracker` sees the price with the ATR of the last closed bar: a trail moves the stop (in
/// force from the next observation), and a time, volatility, MAE or end-of-day exit closes the
/// rest at market at the observed price, with slippage.
extension BacktestEngine {
    /// One bar of `bar.symbol`'s position: the pending entry fills, the flatten time, then the exits.
    mutating func handleFillsAndExits(_ bar: Bar, day: Int64) {
        let symbol = bar.symbol
        guard var position = positions[symbol] else { return }
        let minute = IST.minuteOfDay(bar.start)
        // A position from an earlier day: the data ended before the flatten time; close at the last close.
        if let previous = lastBar[symbol], NSESession.dayNumber(previous.start) != day {
            if position.filled {
                close(symbol, price: fillPrice(side: position.signal.side.opposite, last: previous.close), at: previous.start,
                      reason: .endOfDay)
            } else {
                positions[symbol] = nil
                cancelled["day_end", default: 0] += 1
            }
            return
        }
        var checkRange = true
        if !position.filled {
            guard minute < settings.flattenMinute else {
                positions[symbol] = nil
                cancelled["after_flatten_time", default: 0] += 1
                return
            }
            let reference = settings.fillRule == .nextOpen ? bar.open : bar.close
            let price = fillPrice(side: position.signal.side, last: reference)
            let plan = position.oco.plan
            let beyond = plan.side == .buy ? price <= plan.stop || price >= plan.target1 : price >= plan.stop || price <= plan.target1
            guard !beyond else {
                positions[symbol] = nil
                cancelled["gap_beyond_stop_or_target", default: 0] += 1
                return
            }
            _ = position.oco.handle(.entryFilled(quantity: position.quantity, price: price))
            position.entryPrice = price
            position.entryBarStart = bar.start
            checkRange = settings.fillRule == .nextOpen
            if let policy = settings.exits.policy {
                // As the executor starts it on the entry fill: the ATR it knows is the last closed bar's.
                let filledAt = checkRange ? bar.start : bar.start.addingTimeInterval(timeframe)
                position.tracker = ExitTracker(policy: policy, side: plan.side, entry: price, stop: position.oco.stopTrigger,
                                               quantity: position.quantity, entryAtr: lastAtr[symbol], openedAt: filledAt)
            }
        }
        position.barsHeld += 1
        positions[symbol] = position
        if minute >= settings.flattenMinute {
            close(symbol, price: fillPrice(side: position.signal.side.opposite, last: bar.open), at: bar.start, reason: .endOfDay)
            return
        }
        guard checkRange else { return }
        if settings.exits.policy != nil {
            handleExecutorExits(&position, bar: bar)
            return
        }
        if position.oco.plan.target2 != nil {
            handleTargets2(&position, bar: bar)
            return
        }
        let side = position.signal.side
        let adverse = side == .buy ? bar.low : bar.high
        let favourable = side == .buy ? bar.high : bar.low
        let stop = position.oco.plan.stop, target = position.oco.plan.target1
        if fills.triggeredLeg(positionSide: side, stop: stop, target: target, lastPrice: adverse) == .stop {
            // SL-M: triggers at the stop, or at the open when the bar gapped through it.
            let gapped = side == .buy ? bar.open < stop : bar.open > stop
            var trigger = gapped ? bar.open : stop
            // Stress (`stop_fill: bar_extreme`): the market gaps through the stop to the bar's worst price.
            if settings.stopFillsAtBarExtreme { trigger = side == .buy ? min(trigger, bar.low) : max(trigger, bar.high) }
            _ = position.oco.handle(.legFilled(.stop, quantity: position.quantity, price: trigger))
            close(symbol, price: fillPrice(side: side.opposite, last: trigger), at: bar.start, reason: .stop)
        } else if fills.triggeredLeg(positionSide: side, stop: stop, target: target, lastPrice: favourable) == .target {
            _ = position.oco.handle(.legFilled(.target, quantity: position.quantity, price: target))
            close(symbol, price: fills.fillPrice(of: .target, positionSide: side, target: target, lastPrice: favourable),
                  at: bar.start, reason: .target)
        }
    }

    /// Stop, TP1 and TP2 on the bar's range through the position's `OcoGroup` (TP2 on): the stop
    /// (at its current trigger: the entry after TP1) wins when the bar reaches it; otherwise TP1 and
    /// then TP2 fill at their prices when the bar reaches them. The stop moved by TP1 is checked
    /// from the next bar (within one bar the order of the moves is unknown).
    private mutating func handleTargets2(_ position: inout BacktestPosition, bar: Bar) {
        let symbol = bar.symbol
        let side = position.signal.side
        let adverse = side == .buy ? bar.low : bar.high
        let favourable = side == .buy ? bar.high : bar.low
        let stop = position.oco.stopTrigger
        let stopHit = side == .buy ? adverse <= stop : adverse >= stop
        if stopHit {
            let gapped = side == .buy ? bar.open < stop : bar.open > stop
            var trigger = gapped ? bar.open : stop
            if settings.stopFillsAtBarExtreme { trigger = side == .buy ? min(trigger, bar.low) : max(trigger, bar.high) }
            let reason = position.oco.stopReason
            _ = position.oco.handle(.legFilled(.stop, quantity: position.openQuantity, price: trigger))
            positions[symbol] = position
            close(symbol, price: fillPrice(side: side.opposite, last: trigger), at: bar.start, reason: reason)
            return
        }
        for (leg, level) in [(OcoLeg.target, position.oco.plan.target1), (.target2, position.oco.plan.target2 ?? position.oco.plan.target1)] {
            guard let quantity = position.oco.working[leg], quantity > 0 else { continue }
            let reached = side == .buy ? favourable >= level : favourable <= level
            guard reached else { break }
            _ = position.oco.handle(.legFilled(leg, quantity: quantity, price: level))
            if position.oco.openQuantity == 0 || quantity >= position.openQuantity {
                positions[symbol] = position
                close(symbol, price: level, at: bar.start, reason: leg == .target ? .target : .target2)
                return
            }
            position.partialExits.append((quantity, level))
        }
        positions[symbol] = position
    }

    /// `backtest.exits: executor` (see the type's comment).
    private mutating func handleExecutorExits(_ position: inout BacktestPosition, bar: Bar) {
        let symbol = bar.symbol, side = position.signal.side
        let observations: [(price: Paise, at: Date)] = [
            (bar.open, bar.start), (side == .buy ? bar.low : bar.high, bar.start), (side == .buy ? bar.high : bar.low, bar.start),
            (bar.close, bar.start.addingTimeInterval(timeframe)),
        ]
        for (index, observation) in observations.enumerated() {
            let stop = position.oco.stopTrigger
            if side == .buy ? observation.price <= stop : observation.price >= stop {
                var trigger = index == 0 ? observation.price : stop
                if settings.stopFillsAtBarExtreme { trigger = side == .buy ? min(trigger, bar.low) : max(trigger, bar.high) }
                let reason = position.oco.stopReason
                _ = position.oco.handle(.legFilled(.stop, quantity: position.oco.openQuantity, price: trigger))
                positions[symbol] = position
                close(symbol, price: fillPrice(side: side.opposite, last: trigger), at: bar.start, reason: reason)
                return
            }
            let plan = position.oco.plan
            for (leg, level) in [(OcoLeg.target, plan.target1), (.target2, plan.target2 ?? plan.target1)] {
                guard let quantity = position.oco.working[leg], quantity > 0 else { continue }
                guard side == .buy ? observation.price >= level : observation.price <= level else { break }
                _ = position.oco.handle(.legFilled(leg, quantity: quantity, price: level))
                if case .closed(let reason) = position.oco.state {
                    positions[symbol] = position
                    close(symbol, price: level, at: bar.start, reason: reason)
                    return
                }
                position.partialExits.append((quantity, level))
                position.tracker?.stopMoved(to: position.oco.stopTrigger)
            }
            if case .closing(let reason) = position.oco.state {
                // TP2 complete with units TP1 had not closed: the rest goes at market.
                exitAtMarket(&position, price: observation.price, at: bar.start, reason: reason)
                return
            }
            guard var tracker = position.tracker else { continue }
            let signal = tracker.observe(price: observation.price, atr: lastAtr[symbol], at: observation.at)
            position.tracker = tracker
            switch signal {
            case .moveStop(let trigger, let reason)?:
                _ = position.oco.handle(.moveStop(to: trigger, reason: reason))
                position.tracker?.stopMoved(to: position.oco.stopTrigger)
            case .exit(let reason)?:
                _ = position.oco.handle(.exit(reason))
                exitAtMarket(&position, price: observation.price, at: bar.start, reason: reason)
                return
            case nil:
                break
            }
        }
        positions[symbol] = position
    }

    /// Closes what is open with a market order at `price` (plus slippage).
    private mutating func exitAtMarket(_ position: inout BacktestPosition, price: Paise, at barStart: Date, reason: ExitReason) {
        let fill = fillPrice(side: position.signal.side.opposite, last: price)
        _ = position.oco.handle(.legFilled(.exit, quantity: position.oco.openQuantity, price: fill))
        positions[position.signal.symbol] = position
        close(position.signal.symbol, price: fill, at: barStart, reason: reason)
    }
}
