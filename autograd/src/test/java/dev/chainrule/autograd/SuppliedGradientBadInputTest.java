package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * User functions that return the wrong thing — a size that changes with the point, a gradient or
 * Jacobian of the wrong size, ragged rows, null, NaN — are refused with an IllegalArgumentException
 * naming the check, the sizes and what was expected, in every mode (plain, Richardson, fast):
 * never an index error from inside, a silently ignored element, or a NaN in the report.
 */
class SuppliedGradientBadInputTest {
    private static final List<GradCheck> MODES = List.of(GradCheck.withDefaults(), GradCheck.withDefaults().richardson(6),
            GradCheck.withDefaults().fast(), GradCheck.withDefaults().richardson(4).fast());

    /** Refused with an IllegalArgumentException (not a subclass such as an index error) whose message has every fragment. */
    private static void refused(GradCheck mode, Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, mode::toString);
        assertTrue(e.getClass() == IllegalArgumentException.class, e::toString);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "'" + fragment + "' missing from: " + e.getMessage());
        }
    }

    private static String moved(GradCheck mode, String input) {
        return mode.fastMode() ? "moved along a direction in" : "with " + input + " moved by";
    }

    // ---------------------------------------------------------------- checkGradient

    private static final ToDoubleFunction<double[]> PRODUCT = x -> x[0] * x[1];

    @Test
    void aGradientOfTheWrongLengthNullOrNaNIsRefused() {
        for (GradCheck c : MODES) {
            refused(c, () -> c.checkGradient(PRODUCT, x -> new double[3], 1, 2),
                    "GradCheck.checkGradient: the gradient has 3 entries but there are 2 inputs");
            refused(c, () -> c.checkGradient(PRODUCT, x -> new double[1], 1, 2), "has 1 entries but there are 2 inputs");
            refused(c, () -> c.checkGradient(PRODUCT, x -> null, 1, 2), "GradCheck.checkGradient: the gradient returned null");
            refused(c, () -> c.checkGradient(PRODUCT, x -> new double[] {x[1], Double.NaN}, 1, 2),
                    "GradCheck.checkGradient: the gradient's entry for x[1] is NaN");
        }
    }

    @Test
    void aScalarFunctionThatIsNotFiniteAtOrNearThePointIsRefused() {
        for (GradCheck c : MODES) {
            refused(c, () -> c.checkGradient(x -> Double.NaN, x -> new double[2], 1, 2),
                    "GradCheck.checkGradient: the function returned NaN at x;");
            refused(c, () -> c.checkGradient(x -> 1 / (x[0] - 1), x -> new double[] {-1 / ((x[0] - 1) * (x[0] - 1))}, 1),
                    "the function returned Infinity at x;");
            // log(x0) at x0 = 1e-8: a step of 1e-6 crosses 0
            refused(c, () -> c.checkGradient(x -> Math.log(x[0]) + x[1], x -> new double[] {1 / x[0], 1}, 1e-8, 2),
                    "GradCheck.checkGradient: the function returned NaN at x " + moved(c, "x[0]"), "must be finite near the point");
        }
    }

    // ---------------------------------------------------------------- checkJacobian

    @Test
    void aJacobianOfTheWrongShapeRaggedNullOrNaNIsRefused() {
        for (GradCheck c : MODES) {
            refused(c, () -> c.checkJacobian(SuppliedGradientTest::polar, x -> new double[2][2], 1, 2),
                    "GradCheck.checkJacobian: the Jacobian has 2 rows but the function has 3 outputs");
            refused(c, () -> c.checkJacobian(SuppliedGradientTest::polar, x -> new double[][] {{1, 2}, {3}, {4, 5}}, 1, 2),
                    "GradCheck.checkJacobian: Jacobian row 1 has 1 columns but there are 2 inputs");
            refused(c, () -> c.checkJacobian(SuppliedGradientTest::polar, x -> new double[][] {{1, 2}, {3, 4}, {5, 6, 7}},
                    1, 2), "Jacobian row 2 has 3 columns but there are 2 inputs");
            refused(c, () -> c.checkJacobian(SuppliedGradientTest::polar, x -> new double[][] {{1, 2}, null, {4, 5}}, 1, 2),
                    "GradCheck.checkJacobian: Jacobian row 1 is null; expected 2 columns");
            refused(c, () -> c.checkJacobian(SuppliedGradientTest::polar, x -> null, 1, 2),
                    "GradCheck.checkJacobian: the Jacobian returned null");
            refused(c, () -> c.checkJacobian(SuppliedGradientTest::polar, x -> {
                double[][] j = SuppliedGradientTest.polarJacobian(x);
                j[2][1] = Double.POSITIVE_INFINITY;
                return j;
            }, 1, 2), "GradCheck.checkJacobian: the Jacobian's entry df[2]/dx[1] is Infinity");
        }
    }

    @Test
    void aVectorFunctionWhoseOutputSizeChangesWithThePointIsRefused() {
        // three outputs from x0 = 1 up, two below it: the check at x0 = 1 sees 3, then 2 a step down
        Function<double[], double[]> shrinks = x -> x[0] >= 1 ? SuppliedGradientTest.polar(x) : new double[] {x[0], x[1]};
        // two outputs up to x0 = 1, three above it: an extra element must not be ignored either
        Function<double[], double[]> grows = x -> x[0] > 1 ? SuppliedGradientTest.polar(x) : new double[] {x[0], x[1]};
        for (GradCheck c : MODES) {
            refused(c, () -> c.checkJacobian(shrinks, SuppliedGradientTest::polarJacobian, 1, 0.5),
                    "GradCheck.checkJacobian: the function returned 2 values at x " + moved(c, "x[0]"), "but 3 at x;",
                    "its output size must not depend on the point");
            refused(c, () -> c.checkJacobian(grows, x -> new double[][] {{1, 0}, {0, 1}}, 1, 0.5),
                    "GradCheck.checkJacobian: the function returned 3 values at x " + moved(c, "x[0]"), "but 2 at x;");
        }
    }

    @Test
    void aVectorFunctionReturningNullOrNaNIsRefused() {
        for (GradCheck c : MODES) {
            refused(c, () -> c.checkJacobian(x -> null, SuppliedGradientTest::polarJacobian, 1, 2),
                    "GradCheck.checkJacobian: the function returned null at x");
            refused(c, () -> c.checkJacobian(x -> x[0] == 1 ? SuppliedGradientTest.polar(x) : null, SuppliedGradientTest::polarJacobian, 1, 2),
                    "GradCheck.checkJacobian: the function returned null at x " + moved(c, "x[0]"));
            refused(c, () -> c.checkJacobian(x -> new double[] {Double.NaN, x[0]}, x -> new double[][] {{0}, {1}}, 1),
                    "GradCheck.checkJacobian: the function's output[0] is NaN at x;");
            refused(c, () -> c.checkJacobian(x -> new double[] {x[1], Math.sqrt(x[0])},
                    x -> new double[][] {{0, 1}, {0.5 / Math.sqrt(x[0]), 0}}, 1e-8, 2),
                    "GradCheck.checkJacobian: the function's output[1] is NaN at x " + moved(c, "x[0]"));
        }
    }

    // ---------------------------------------------------------------- checkVjp

    private static final Tensor X = Tensor.constant(new double[] {1, 2, 3}, 3);
    private static final BiFunction<Tensor, Tensor, Tensor> IDENTITY_VJP = (a, u) -> u;

    @Test
    void aTensorFunctionWhoseOutputShapeChangesWithThePointIsRefused() {
        Function<Tensor, Tensor> collapses = t -> t.get(0) >= 1 ? t.mul(1) : t.sum();
        Function<Tensor, Tensor> reshapes = t -> t.get(0) >= 1 ? t.mul(1) : t.reshape(1, 3);
        for (GradCheck c : MODES) {
            refused(c, () -> c.checkVjp(collapses, IDENTITY_VJP, X),
                    "GradCheck.checkVjp: the function returned shape [] at x " + moved(c, "x [0]"), "but [3] at x;",
                    "its output shape must not depend on the point");
            // the same number of elements in another shape is refused too
            refused(c, () -> c.checkVjp(reshapes, IDENTITY_VJP, X), "returned shape [1, 3]", "but [3] at x;");
        }
    }

    @Test
    void aTensorFunctionOrVjpReturningNullNaNOrTheWrongShapeIsRefused() {
        for (GradCheck c : MODES) {
            refused(c, () -> c.checkVjp(t -> null, IDENTITY_VJP, X), "GradCheck.checkVjp: the function returned null at x");
            refused(c, () -> c.checkVjp(t -> t.mul(1), (a, u) -> null, X), "GradCheck.checkVjp: the vjp returned null");
            refused(c, () -> c.checkVjp(t -> t.mul(1), (a, u) -> u.reshape(3, 1), X),
                    "GradCheck.checkVjp: the vjp returned shape [3, 1] for an input of shape [3]");
            refused(c, () -> c.checkVjp(t -> t.mul(1), (a, u) -> u.div(a.mul(0)), X),
                    "GradCheck.checkVjp: the vjp's entry for x [0] is ", "Infinity at x");
            refused(c, () -> c.checkVjp(Tensor::log, (a, u) -> u.div(a), Tensor.constant(new double[] {1e-8, 1, 2}, 3)),
                    "GradCheck.checkVjp: the function's output[0] is NaN at x " + moved(c, "x [0]"));
        }
    }
}
