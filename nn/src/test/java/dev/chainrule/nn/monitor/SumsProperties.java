package dev.chainrule.nn.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The monitor's four-accumulator loops against a plain one-at-a-time computation on random
 * arrays of every length from 0 (so each remainder of the unrolled loop is hit), with signs,
 * zeros and ties at the bounds mixed in. The sums are compared with an exact (BigDecimal)
 * reference to a tolerance of a few ulps of Σ|terms|: reassociation may change the last bits,
 * nothing more.
 */
class SumsProperties {

    /** Random numbers, a fifth of them exactly 0 and a tenth exactly {@code tie}. */
    private static double[] draw(int n, long seed, double tie) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            int kind = rng.nextInt(10);
            a[i] = kind < 2 ? 0 : kind == 2 ? tie : (rng.nextDouble() * 2 - 1) * Math.pow(10, rng.nextInt(-3, 4));
        }
        return a;
    }

    private static void assertClose(BigDecimal exact, double magnitude, double actual, String what) {
        double tol = 8 * Math.ulp(magnitude) + Double.MIN_VALUE;
        assertEquals(exact.doubleValue(), actual, tol, what);
    }

    @Property(tries = 200)
    void sumAndSumOfSquaresAgreeWithAnExactSum(@ForAll @IntRange(min = 0, max = 40) int n, @ForAll long seed) {
        double[] a = draw(n, seed, 1);
        BigDecimal sum = BigDecimal.ZERO, squares = BigDecimal.ZERO;
        double abs = 0, absSquares = 0;
        for (double v : a) {
            sum = sum.add(new BigDecimal(v));
            squares = squares.add(new BigDecimal(v).multiply(new BigDecimal(v)));
            abs += Math.abs(v);
            absSquares += v * v;
        }
        assertClose(sum, abs, Sums.sum(a), "sum of " + n);
        assertClose(squares, absSquares, Sums.sumOfSquares(a), "sum of squares of " + n);
    }

    @Property(tries = 200)
    void sumOfSquaredDifferencesAgreesWithAnExactSum(@ForAll @IntRange(min = 0, max = 40) int n, @ForAll long seed) {
        double[] a = draw(n, seed, 1);
        double[] b = draw(n, ~seed, 1);
        BigDecimal exact = BigDecimal.ZERO;
        double magnitude = 0;
        for (int i = 0; i < n; i++) {
            double d = a[i] - b[i]; // the difference is rounded in the code too
            exact = exact.add(new BigDecimal(d).multiply(new BigDecimal(d)));
            magnitude += d * d;
        }
        assertClose(exact, magnitude, Sums.sumOfSquaredDifferences(a, b), "squared differences of " + n);
        assertEquals(0.0, Sums.sumOfSquaredDifferences(a, a.clone()), "an array against itself");
    }

    @Property(tries = 200)
    void countOutsideCountsStrictlyBelowAndAbove(@ForAll @IntRange(min = 0, max = 40) int n, @ForAll long seed) {
        double low = -0.5, high = 0.5;
        double[] a = draw(n, seed, high);
        for (int i = 0; i < n; i += 7) {
            a[i] = low; // values equal to a bound are inside, at both ends
        }
        int expected = 0;
        for (double v : a) {
            expected += v < low || v > high ? 1 : 0;
        }
        assertEquals(expected, Sums.countOutside(a, low, high));
    }

    @Property(tries = 200)
    void deadColumnsAreTheColumnsNeverAboveZero(@ForAll @IntRange(min = 1, max = 6) int rows,
                                                @ForAll @IntRange(min = 1, max = 7) int units, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = new double[rows * units];
        int expected = 0;
        for (int j = 0; j < units; j++) {
            // a dead column holds zeros and negatives only; a live one has one positive entry somewhere
            boolean dead = rng.nextBoolean();
            int live = rng.nextInt(rows);
            for (int r = 0; r < rows; r++) {
                double v = rng.nextBoolean() ? 0 : -rng.nextDouble();
                a[r * units + j] = !dead && r == live ? Double.MIN_VALUE + rng.nextDouble() : v;
            }
            expected += dead ? 1 : 0;
        }
        assertEquals(expected, Sums.deadColumns(a, units), rows + " x " + units);
    }
}
