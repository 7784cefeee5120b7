package dev.chainrule.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Value;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The expression generator's promises: positive expressions are positive, and where
 * {@link Expressions#wellConditioned} says a point is fine, finite differences agree with the
 * chain rule (a kink or pole it missed would fail here: jqwik tries 0 and the interval's ends).
 */
class ExpressionsProperties {

    @Provide
    Arbitrary<Expr> kinked() {
        return Expressions.any(2, 3, false);
    }

    @Provide
    Arbitrary<Expr> positives() {
        return Expressions.positive(2, 2, false);
    }

    @Provide
    Arbitrary<double[]> points() {
        return Arbitraries.doubles().between(-2, 2).ofScale(2).array(double[].class).ofSize(2);
    }

    @Property(tries = 150)
    void wellConditionedPointsPassAGradientCheck(@ForAll("kinked") Expr e, @ForAll("points") double[] x) {
        boolean ok = Expressions.wellConditioned(e, x, 1e-3);
        Statistics.label("well conditioned").collect(ok);
        Statistics.label("well conditioned").coverage(c -> c.check(true).percentage(p -> p > 40));
        if (ok) {
            GradientAssertions.assertGradients(GradCheck.withDefaults().tolerance(1e-4, 1e-3), e, x);
        }
    }

    @Property(tries = 100)
    void positiveExpressionsArePositive(@ForAll("positives") Expr e, @ForAll("points") double[] x) {
        double v = e.valueAt(x);
        assertTrue(v > 0, e + " is " + v);
    }

    @Example
    void kinksPolesAndHugeValuesAreNotWellConditioned() {
        Expr x0 = Expr.of("x0", v -> v.get(0));
        Expr relu = Expr.node("relu(x0)", v -> v.get(0).relu(), List.of(x0), (in, m) -> Math.abs(in[0]) >= m);
        assertFalse(relu.wellConditionedAt(new double[] {1e-4}, 1e-3));
        assertTrue(relu.wellConditionedAt(new double[] {0.5}, 1e-3));
        Expr huge = Expr.node("exp(relu(x0))", v -> relu.eval(v).exp(), List.of(relu), (in, m) -> true);
        assertFalse(huge.wellConditionedAt(new double[] {20}, 1e-3), "e^20 is past 1e4");
        assertFalse(huge.wellConditionedAt(new double[] {-1e-4}, 1e-3), "the kink below is found too");
        assertTrue(huge.wellConditionedAt(new double[] {2}, 1e-3));
        assertEquals("exp(relu(x0))", huge.toString());
        assertEquals(Math.exp(2), huge.valueAt(2), 1e-12);
        assertEquals(Math.exp(2), huge.eval(Value.listOf(2)).data(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Expressions.any(0, 2, true));
    }

    @Example
    void aWrongRuleIsReportedWithTheExpression() {
        // |x0| written with the derivative of relu: wrong for x0 < 0
        Expr wrong = Expr.of("abs(x0)", v -> v.get(0).relu().add(v.get(0).neg().relu().detach()));
        AssertionError e = assertThrows(AssertionError.class, () -> GradientAssertions.assertGradients(wrong, -0.5));
        assertTrue(e.getMessage().startsWith("gradient of abs(x0) wrong at x = (-0.5)"), e.getMessage());
        GradientAssertions.assertGradients(wrong, 0.5);
    }
}
