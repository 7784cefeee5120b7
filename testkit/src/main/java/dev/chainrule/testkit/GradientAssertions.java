package dev.chainrule.testkit;

import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.testkit.TensorArbitraries.TensorPair;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * One-line assertions for gradient property tests, on top of {@link GradCheck}.
 *
 * <p>Hand-written gradients at a {@link Point}: the failure names the point first, then the
 * worst input, then the full {@link GradCheck.Report}. With a {@link Points} arbitrary, jqwik
 * shrinks the point, so the reported failure is the simplest point that breaks it:
 *
 * <pre>{@code
 * @Property
 * void myGradientIsRight(@ForAll("points") Point p) {
 *     GradientAssertions.assertGradient(MyModel::loss, MyModel::lossGradient, p);
 * }
 * }</pre>
 *
 * <p>Tensor code built on chainrule's ops: first-order gradients against finite differences,
 * and second order through {@code f(x) * f(x)}, so every backward rule also runs on a gradient
 * that is itself a graph. With {@link TensorArbitraries} the inputs come from the op's domain,
 * in broadcasting shapes:
 *
 * <pre>{@code
 * @Property(tries = 50)
 * void myOpBroadcasts(@ForAll("pairs") TensorPair p) {
 *     GradientAssertions.assertBinaryOp(MyOps::smoothMax, p);
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

    /**
     * Asserts that the gradients of {@code f} in each of {@code inputs} agree with central
     * differences, to first order and to second order through {@code f(x) * f(x)}; the failure
     * is GradCheck's report (the input, the element, analytic and numeric values, the first node
     * whose own rule is wrong).
     *
     * @param f      the function of the inputs, in order; any output shape (GradCheck projects it)
     * @param inputs the points, leaf tensors (for example from {@link TensorArbitraries})
     */
    public static void assertTensorGradients(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        GradCheck.assertTensorGradients(f, inputs);
        assertSecondOrderOfSquare(f, inputs);
    }

    /**
     * Asserts that the second derivatives of {@code f(x) * f(x)} agree with finite differences of
     * its gradient: {@code f}'s backward rules then run on a gradient that is itself a graph, and
     * the square keeps a linear {@code f}'s second order from being trivially zero.
     *
     * @param f      the function of the inputs, in order
     * @param inputs the points, leaf tensors
     */
    public static void assertSecondOrderOfSquare(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        GradCheck.assertTensorSecondOrder(v -> {
            Tensor y = f.apply(v);
            return y.mul(y);
        }, inputs);
    }

    /**
     * {@link #assertTensorGradients} for a one-input op.
     *
     * @param op the op
     * @param x  the point
     */
    public static void assertUnaryOp(UnaryOperator<Tensor> op, Tensor x) {
        assertTensorGradients(v -> op.apply(v.get(0)), x);
    }

    /**
     * {@link #assertTensorGradients} for a two-input op on a broadcasting pair, such as one from
     * {@link TensorArbitraries#broadcastTensorPairs(double, double)}: the gradient of each operand
     * is summed back to its own shape.
     *
     * @param op   the op
     * @param pair the operands
     */
    public static void assertBinaryOp(BinaryOperator<Tensor> op, TensorPair pair) {
        assertTensorGradients(v -> op.apply(v.get(0), v.get(1)), pair.a(), pair.b());
    }

    /**
     * Asserts that the chain rule through {@code e} agrees with central differences at {@code x},
     * with the default checker. Skip points near kinks first ({@link Expressions#wellConditioned}).
     *
     * @param e the expression
     * @param x the variables' values
     */
    public static void assertGradients(Expr e, double... x) {
        assertGradients(GradCheck.withDefaults(), e, x);
    }

    /**
     * Asserts that the chain rule through {@code e} agrees with central differences at {@code x};
     * the failure names the expression, then gives GradCheck's report (with the first node whose
     * own rule is wrong).
     *
     * @param checker the settings
     * @param e       the expression
     * @param x       the variables' values
     */
    public static void assertGradients(GradCheck checker, Expr e, double... x) {
        GradCheck.Report r = checker.check(e::eval, x);
        if (!r.passed()) {
            throw new AssertionError("gradient of " + e + " wrong at x = " + new Point(x) + "\n" + r);
        }
    }

    /**
     * Asserts that the second derivatives of {@code e} (gradients of its gradient, through the
     * graph backward records) agree with finite differences at {@code x}.
     *
     * @param checker the settings
     * @param e       the expression
     * @param x       the variables' values
     */
    public static void assertSecondOrder(GradCheck checker, Expr e, double... x) {
        GradCheck.Report r = checker.checkSecondOrder(e::eval, x);
        if (!r.passed()) {
            throw new AssertionError("second derivatives of " + e + " wrong at x = " + new Point(x) + "\n" + r);
        }
    }
}
