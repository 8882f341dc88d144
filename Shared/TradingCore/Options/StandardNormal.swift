import Foundation

/// The standard normal distribution, accurate to a few ulps over the whole real line.
///
/// The CDF is taken from the complementary error function, `N(x) = ½·erfc(−x/√2)`, rather
/// than `½·(1 + erf(x/√2))`: the latter cancels to zero for x below about −8, while erfc keeps
/// full relative precision deep in the left tail. Both functions accept ±∞ (N(−∞) = 0,
/// N(+∞) = 1, n(±∞) = 0), which the Black-Scholes limits rely on.
enum StandardNormal {
    /// N(x), the probability that a standard normal variable is at most x.
    static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// n(x) = e^(−x²/2) / √(2π), the density.
    static func pdf(_ x: Double) -> Double {
        exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
    }
}
