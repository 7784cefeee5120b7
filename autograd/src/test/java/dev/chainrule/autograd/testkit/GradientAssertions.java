package dev.chainrule.autograd.testkit;

import dev.chainrule.autograd.GradCheck;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Assertions for property tests of hand-written gradients: the failure names the point first,
 * then the worst input, then the full {@link GradCheck.Report}. With a {@link Points} arbitrary,
 * jqwik shrinks the point, so the reported failure is the simplest point that breaks it:
 *
 * <pre>{@code
 * @Property
 * void myGradientIsRight(@ForAll("points") Point p) {
 *     GradientAssertions.assertGradient(MyModel::loss, MyModel::lossGradient, p);
 * }
 * }</pre>
 */
public final class GradientAssertions {
    private GradientAssertions() {
    }

    /**
     * Asserts that {@code grad} is the gradient of {@code f} at {@code p}, with the default checker.
     *
     * @param f    the function
     * @param grad your gradient of it
     * @param p    the point
     */
    public static void assertGradient(ToDoubleFunction<double[]> f, Function<double[], double[]> grad, Point p) {
        assertGradient(GradCheck.withDefaults(), f, grad, p);
    }

    /**
     * Asserts that {@code grad} is the gradient of {@code f} at {@code p}, with your checker's
     * step, order, tolerances and mode.
     *
     * @param checker the settings
     * @param f       the function
     * @param grad    your gradient of it
     * @param p       the point
     */
    public static void assertGradient(GradCheck checker, ToDoubleFunction<double[]> f,
                                      Function<double[], double[]> grad, Point p) {
        GradCheck.Report r = checker.checkGradient(f, grad, p.x());
        if (!r.passed()) {
            GradCheck.Entry worst = r.worst().orElseThrow();
            throw new AssertionError("gradient wrong at x = " + p + ": " + worst.input() + " analytic "
                    + worst.analytic() + " vs numeric " + worst.numeric() + "\n" + r);
        }
    }

    /**
     * Asserts that {@code jac} is the Jacobian of {@code f} at {@code p}.
     *
     * @param checker the settings
     * @param f       the function
     * @param jac     your Jacobian of it (rows = outputs)
     * @param p       the point
     */
    public static void assertJacobian(GradCheck checker, Function<double[], double[]> f,
                                      Function<double[], double[][]> jac, Point p) {
        GradCheck.Report r = checker.checkJacobian(f, jac, p.x());
        if (!r.passed()) {
            GradCheck.Entry worst = r.worst().orElseThrow();
            throw new AssertionError("Jacobian wrong at x = " + p + ": " + worst.input() + " analytic "
                    + worst.analytic() + " vs numeric " + worst.numeric() + "\n" + r);
        }
    }
}
