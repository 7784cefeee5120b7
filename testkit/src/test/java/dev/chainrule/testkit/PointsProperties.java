package dev.chainrule.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.GradCheck;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/** Points in a box away from kinks, and a hand-written gradient's bug shrunk to a simple point. */
class PointsProperties {

    @Provide
    Arbitrary<Point> reluPoints() {
        return Points.inBox(-3, 3, 3).awayFrom(new double[] {0}, 1e-2);
    }

    @Provide
    Arbitrary<Point> untied() {
        return Points.inBox(-1, 1, 2).awayFromZerosOf(x -> x[0] - x[1], 0.05).ofScale(2);
    }

    @Property(tries = 200)
    void pointsStayInTheBoxAndAwayFromKinks(@ForAll("reluPoints") Point p) {
        assertEquals(3, p.size());
        for (double c : p.x()) {
            assertTrue(c >= -3 && c <= 3 && Math.abs(c) >= 1e-2, p::toString);
            assertEquals(c, Math.round(c * 1000) / 1000.0, 0, "three decimals at most");
        }
    }

    @Property(tries = 200)
    void pointsStayAwayFromTheZerosOfAKinkFunction(@ForAll("untied") Point p) {
        assertTrue(Math.abs(p.x()[0] - p.x()[1]) >= 0.05, p::toString);
    }

    /** A relu-sum with a correct hand-written gradient, checked away from its kinks. */
    @Property(tries = 100)
    void aCorrectGradientPassesAwayFromKinks(@ForAll("reluPoints") Point p) {
        GradientAssertions.assertGradient(x -> Math.max(0, x[0]) * x[1] + x[2] * x[2] * x[2],
                x -> new double[] {x[0] > 0 ? x[1] : 0, Math.max(0, x[0]), 3 * x[2] * x[2]}, p);
    }

    @Provide
    Arbitrary<Point> box() {
        return Points.inBox(-5, 5, 2);
    }

    /**
     * The derivative of x0·x1² written as x1² for x0 and x0·x1 (missing the 2) for x1: wrong
     * wherever x0·x1 is not 0. Checked with a purely relative tolerance, jqwik must report the
     * simplest point that breaks it: both coordinates at the smallest step of the grid, 0.001.
     */
    @Property(tries = 100, seed = "42")
    @AddLifecycleHook(ExpectsShrunkFailure.class)
    void aBuggyGradientIsReportedAtASimplePoint(@ForAll("box") Point p) {
        GradientAssertions.assertGradient(GradCheck.withDefaults().tolerance(0, 1e-3),
                x -> x[0] * x[1] * x[1], x -> new double[] {x[1] * x[1], x[0] * x[1]}, p);
    }

    /** Turns the expected failure into a pass after checking what jqwik shrank it to. */
    static final class ExpectsShrunkFailure implements AroundPropertyHook {
        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            PropertyExecutionResult r = property.execute();
            if (r.status() != PropertyExecutionResult.Status.FAILED) {
                return r.mapToFailed(new AssertionError("the buggy gradient was not caught"));
            }
            List<Object> sample = r.falsifiedParameters().orElseThrow();
            Point shrunk = (Point) sample.get(0);
            double[] x = shrunk.x();
            // shrinking ends where no coordinate can get simpler and the bug still shows: ±0.001 each
            boolean simple = Math.abs(x[0]) == 0.001 && Math.abs(x[1]) == 0.001;
            String message = r.throwable().map(Throwable::getMessage).orElse("");
            if (!simple || !message.startsWith("gradient wrong at x = " + shrunk + ": x[1]")) {
                return r.mapToFailed(new AssertionError("shrunk to " + shrunk + ", message " + message));
            }
            return r.mapToSuccessful();
        }
    }

    @Example
    void refusesAnEmptyOrBackwardsBox() {
        assertThrows(IllegalArgumentException.class, () -> Points.inBox(1, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> Points.inBox(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Points.inBox(0, Double.POSITIVE_INFINITY, 1));
        assertEquals("(1.0, -0.5)", new Point(new double[] {1, -0.5}).toString());
        GradCheck.Report r = GradCheck.withDefaults().checkGradient(x -> x[0], x -> new double[] {2}, 1.0);
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradientAssertions.assertGradient(x -> x[0], x -> new double[] {2}, new Point(new double[] {1})));
        assertTrue(e.getMessage().startsWith("gradient wrong at x = (1.0): x[0] analytic 2.0 vs numeric"), e.getMessage());
        assertTrue(e.getMessage().contains(r.toString()));
    }
}
