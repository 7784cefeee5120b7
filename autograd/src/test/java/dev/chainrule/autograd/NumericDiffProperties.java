package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The numeric differentiator: each order is exact on polynomials of its degree, and its error on
 * the next degree is the leading term the theory predicts (so the extrapolation is the right one).
 */
class NumericDiffProperties {

    @Provide
    Arbitrary<double[]> coefficients() {
        return Arbitraries.doubles().between(-2, 2).array(double[].class).ofSize(7);
    }

    private static double poly(double[] c, int degree, double x) {
        double y = 0;
        for (int k = degree; k >= 0; k--) {
            y = y * x + c[k];
        }
        return y;
    }

    private static double polyDerivative(double[] c, int degree, double x) {
        double y = 0;
        for (int k = degree; k >= 1; k--) {
            y = y * x + k * c[k];
        }
        return y;
    }

    @Property(tries = 200)
    void eachOrderIsExactOnPolynomialsOfItsDegree(@ForAll("coefficients") double[] c,
                                                  @ForAll @DoubleRange(min = -2, max = 2) double x,
                                                  @ForAll @IntRange(min = 1, max = 3) int half) {
        int order = 2 * half;
        // a large step: any truncation error would show, only rounding remains
        NumericDiff d = NumericDiff.central(0.1).order(order);
        double got = d.derivative(t -> poly(c, order, t), x);
        assertEquals(polyDerivative(c, order, x), got, 1e-11, () -> "order " + order);
    }

    @Property(tries = 100)
    void theErrorOnTheNextDegreeIsTheLeadingTerm(@ForAll @DoubleRange(min = -0.9, max = 0.9) double x,
                                                 @ForAll @DoubleRange(min = 1e-2, max = 0.2) double h) {
        // |x| < 1, so each input's step is h itself
        // order 2 on x^3: D(h) = 3x² + h²
        assertEquals(3 * x * x + h * h, NumericDiff.central(h).derivative(t -> t * t * t, x), 1e-12);
        // order 4 on x^5: (4 D(h/2) - D(h)) / 3 = 5x⁴ - h⁴/4
        assertEquals(5 * Math.pow(x, 4) - Math.pow(h, 4) / 4,
                NumericDiff.central(h).order(4).derivative(t -> Math.pow(t, 5), x), 1e-12);
        // order 6 on x^7: error h⁶/64
        assertEquals(7 * Math.pow(x, 6) + Math.pow(h, 6) / 64,
                NumericDiff.central(h).order(6).derivative(t -> Math.pow(t, 7), x), 1e-12);
    }

    @Property(tries = 100)
    void stepsScaleWithTheInput(@ForAll @DoubleRange(min = -1e9, max = 1e9) double x) {
        NumericDiff d = NumericDiff.central(1e-6);
        assertEquals(1e-6 * Math.max(1, Math.abs(x)), d.stepFor(x), 0);
        // a quadratic is exact at order 2 whatever the scale, up to rounding of x itself
        double got = d.derivative(t -> 3 * t * t, x);
        assertEquals(6 * x, got, 1e-8 * Math.max(1, Math.abs(6 * x)));
    }

    @Property(tries = 100)
    void partialsAndVectorLinesAgreeWithTheScalarForm(@ForAll @DoubleRange(min = -3, max = 3) double a,
                                                      @ForAll @DoubleRange(min = -3, max = 3) double b,
                                                      @ForAll @IntRange(min = 1, max = 3) int half) {
        NumericDiff d = NumericDiff.central(1e-3).order(2 * half);
        double[] x = {a, b};
        double dfdb = d.partial(p -> Math.sin(p[0]) * p[1] * p[1], x, 1);
        assertEquals(Math.sin(a) * 2 * b, dfdb, 1e-6);
        assertEquals(List.of(a, b), List.of(x[0], x[1]), "the point is not changed");
        double[] line = d.alongLineVector(t -> new double[] {Math.exp(a + t), (b + t) * (b + t)}, d.stepFor(a));
        assertEquals(Math.exp(a), line[0], 1e-5 * Math.exp(a));
        assertEquals(2 * b, line[1], 1e-6);
    }

    @Example
    void refusesAFunctionWhoseSizeChangesBetweenStepsAndBadArguments() {
        NumericDiff d = NumericDiff.central(1).order(4);
        // 2 elements at ±1 (the order-2 level), 3 at ±1/2 (the Richardson level): once an index error
        IllegalArgumentException sizes = assertThrows(IllegalArgumentException.class,
                () -> d.alongLineVector(t -> Math.abs(t) > 0.75 ? new double[2] : new double[3], 1));
        assertEquals("NumericDiff.alongLineVector: the function returned 3 elements at t = 0.5 but 2 before;"
                + " its output size must not depend on the point", sizes.getMessage());
        IllegalArgumentException updown = assertThrows(IllegalArgumentException.class,
                () -> d.alongLineVector(t -> t > 0 ? new double[2] : new double[1], 1));
        assertEquals("NumericDiff.alongLineVector: the function returned 1 elements at t = -1.0 but 2 before;"
                + " its output size must not depend on the point", updown.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> d.alongLineVector(t -> null, 1));
        assertEquals("NumericDiff.alongLineVector: the function returned null at t = 1.0", none.getMessage());
        IllegalArgumentException index = assertThrows(IllegalArgumentException.class,
                () -> d.partial(x -> x[0], new double[] {1, 2}, 2));
        assertEquals("NumericDiff.partial: input 2 does not exist; x has 2 inputs (0 to 1)", index.getMessage());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class, () -> d.alongLine(t -> t, 0));
        assertEquals("NumericDiff.alongLine: width must be positive and finite, got 0.0", width.getMessage());
    }

    @Example
    void refusesBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> NumericDiff.central(0));
        assertThrows(IllegalArgumentException.class, () -> NumericDiff.central(Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NumericDiff.central(1e-6).order(5));
        assertEquals("NumericDiff.order: order must be 2, 4 or 6, got 5", e.getMessage());
        assertEquals("central differences, order 6 (Richardson), step 1.0E-6 * max(1, |x_i|)",
                NumericDiff.central(1e-6).order(6).toString());
    }
}
