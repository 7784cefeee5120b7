package dev.chainrule.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;

/**
 * The comparisons behind {@link GradCheck#checkGradient}, {@link GradCheck#checkJacobian} and
 * {@link GradCheck#checkVjp}: a user's own derivative against finite differences, input by input,
 * or through {@link FastCheck} in fast mode. Also the argument checks that name what the user's
 * functions returned.
 */
final class SuppliedGradient {
    private SuppliedGradient() {
    }

    /** One entry per input of a scalar function (or, in fast mode, the directional checks). */
    static List<GradCheck.Entry> compare(GradCheck c, ToDoubleFunction<double[]> f, double[] analytic, double[] x,
                                         IntFunction<String> label) {
        if (c.fastMode()) {
            return FastCheck.compare(c, f, analytic, x, label);
        }
        NumericDiff d = c.numericDiff();
        List<GradCheck.Entry> entries = new ArrayList<>(x.length);
        for (int i = 0; i < x.length; i++) {
            entries.add(c.entry(label.apply(i), i, analytic[i], d.partial(f, x, i)));
        }
        return entries;
    }

    /** One entry per Jacobian element, row-major: {@code df[i]/dx[j]} at index {@code i * n + j}. */
    static List<GradCheck.Entry> compareJacobian(GradCheck c, Function<double[], double[]> f, double[][] jac, double[] x) {
        int n = x.length;
        double[][] numericColumns = new double[n][];
        for (int j = 0; j < n; j++) {
            numericColumns[j] = c.centralDifferencesOfVector(x, j, f);
        }
        List<GradCheck.Entry> entries = new ArrayList<>(jac.length * n);
        for (int i = 0; i < jac.length; i++) {
            for (int j = 0; j < n; j++) {
                entries.add(c.entry("df[" + i + "]/dx[" + j + "]", i * n + j, jac[i][j], numericColumns[j][i]));
            }
        }
        return entries;
    }

    // ---------------------------------------------------------------- checked user functions
    // Every value a user function returns is checked where it comes back, so a wrong size, a null
    // or a NaN is refused with the check's name, the point and both sizes, on every path (fast
    // mode included), instead of failing later as an index error or a NaN in the report.

    /** {@code f}, refusing a non-finite value wherever it is evaluated near {@code x}. */
    static ToDoubleFunction<double[]> finite(ToDoubleFunction<double[]> f, double[] x, String op,
                                             IntFunction<String> label) {
        return p -> {
            double y = f.applyAsDouble(p);
            if (!Double.isFinite(y)) {
                throw new IllegalArgumentException("GradCheck." + op + ": the function returned " + y + " "
                        + where(p, x, label) + "; it must be finite near the point (too close to the edge of"
                        + " its domain, or a step too large?)");
            }
            return y;
        };
    }

    /**
     * {@code f} called on copies of the point, refusing null, any size but {@code size} (its size
     * at {@code x}) and non-finite elements.
     */
    static Function<double[], double[]> sized(Function<double[], double[]> f, double[] x, int size, String op,
                                              IntFunction<String> label) {
        return p -> {
            double[] y = f.apply(p.clone());
            if (y == null) {
                throw new IllegalArgumentException("GradCheck." + op + ": the function returned null " + where(p, x, label));
            }
            if (y.length != size) {
                throw new IllegalArgumentException("GradCheck." + op + ": the function returned " + y.length
                        + " values " + where(p, x, label) + " but " + size + " at x; its output size must not depend"
                        + " on the point");
            }
            requireFinite(op, "the function's output", y, where(p, x, label));
            return y;
        };
    }

    /** The user's gradient at {@code x}: not null, one finite entry per input. */
    static double[] gradient(Function<double[], double[]> grad, double[] x, IntFunction<String> label) {
        double[] g = grad.apply(x.clone());
        if (g == null) {
            throw new IllegalArgumentException("GradCheck.checkGradient: the gradient returned null at x");
        }
        if (g.length != x.length) {
            throw new IllegalArgumentException("GradCheck.checkGradient: the gradient has " + g.length
                    + " entries but there are " + x.length + " inputs; it needs one entry per input");
        }
        for (int i = 0; i < g.length; i++) {
            if (!Double.isFinite(g[i])) {
                throw new IllegalArgumentException("GradCheck.checkGradient: the gradient's entry for " + label.apply(i)
                        + " is " + g[i] + " at x; a gradient can only be checked where it is finite");
            }
        }
        return g;
    }

    /** The user's function at {@code x}: not null, finite (its length fixes the size every later call must have). */
    static double[] output(Function<double[], double[]> f, double[] x, String op) {
        double[] y = f.apply(x.clone());
        if (y == null) {
            throw new IllegalArgumentException("GradCheck." + op + ": the function returned null at x");
        }
        requireFinite(op, "the function's output", y, "at x");
        return y;
    }

    /** The user's Jacobian at {@code x}: not null, {@code outputs × x.length} (no ragged rows), finite. */
    static double[][] jacobian(Function<double[], double[][]> jac, double[] x, int outputs) {
        double[][] j = jac.apply(x.clone());
        if (j == null) {
            throw new IllegalArgumentException("GradCheck.checkJacobian: the Jacobian returned null at x");
        }
        if (j.length != outputs) {
            throw new IllegalArgumentException("GradCheck.checkJacobian: the Jacobian has " + j.length
                    + " rows but the function has " + outputs + " outputs; rows must be outputs");
        }
        for (int i = 0; i < j.length; i++) {
            if (j[i] == null) {
                throw new IllegalArgumentException("GradCheck.checkJacobian: Jacobian row " + i + " is null; expected "
                        + x.length + " columns, one per input");
            }
            if (j[i].length != x.length) {
                throw new IllegalArgumentException("GradCheck.checkJacobian: Jacobian row " + i + " has " + j[i].length
                        + " columns but there are " + x.length + " inputs; columns must be inputs");
            }
            for (int k = 0; k < j[i].length; k++) {
                if (!Double.isFinite(j[i][k])) {
                    throw new IllegalArgumentException("GradCheck.checkJacobian: the Jacobian's entry df[" + i + "]/dx[" + k
                            + "] is " + j[i][k] + " at x; a Jacobian can only be checked where it is finite");
                }
            }
        }
        return j;
    }

    /**
     * {@code f} on a constant tensor of the given data and shape, with recording off, refusing
     * null, a shape other than {@code outShape} (its shape at {@code x}; null for that first call)
     * and non-finite elements.
     */
    static Tensor apply(Function<Tensor, Tensor> f, double[] p, int[] shape, int[] outShape, double[] x,
                        IntFunction<String> label) {
        Tensor out;
        try (var off = GradMode.disabled()) {
            out = f.apply(Tensor.constant(p.clone(), shape));
        }
        String at = where(p, x, label);
        if (out == null) {
            throw new IllegalArgumentException("GradCheck.checkVjp: the function returned null " + at
                    + " for an input of shape " + Arrays.toString(shape));
        }
        if (outShape != null && !Arrays.equals(out.shape(), outShape)) {
            throw new IllegalArgumentException("GradCheck.checkVjp: the function returned shape "
                    + Arrays.toString(out.shape()) + " " + at + " but " + Arrays.toString(outShape)
                    + " at x; its output shape must not depend on the point");
        }
        requireFinite("checkVjp", "the function's output", out.toArray(), at);
        return out;
    }

    /** The user's vjp at {@code x}: not null, shaped like {@code x}, finite. */
    static double[] vjp(BiFunction<Tensor, Tensor, Tensor> vjp, Tensor x, Tensor upstream, IntFunction<String> label) {
        Tensor g;
        try (var off = GradMode.disabled()) {
            g = vjp.apply(Tensor.constant(x.toArray(), x.shape()), upstream);
        }
        if (g == null) {
            throw new IllegalArgumentException("GradCheck.checkVjp: the vjp returned null at x");
        }
        if (!Arrays.equals(g.shape(), x.shape())) {
            throw new IllegalArgumentException("GradCheck.checkVjp: the vjp returned shape " + Arrays.toString(g.shape())
                    + " for an input of shape " + Arrays.toString(x.shape()) + "; it must match the input");
        }
        double[] data = g.toArray();
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException("GradCheck.checkVjp: the vjp's entry for " + label.apply(i) + " is "
                        + data[i] + " at x; a gradient can only be checked where it is finite");
            }
        }
        return data;
    }

    private static void requireFinite(String op, String what, double[] y, String at) {
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("GradCheck." + op + ": " + what + "[" + i + "] is " + y[i] + " " + at
                        + "; it must be finite near the point (too close to the edge of its domain, or a step too large?)");
            }
        }
    }

    /** Where a user function was evaluated, for messages: {@code "at x with x[3] moved by 1.0E-6"}. */
    private static String where(double[] p, double[] x, IntFunction<String> label) {
        int moved = -1, count = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] != x[i]) {
                moved = i;
                count++;
            }
        }
        if (count == 0) {
            return "at x";
        }
        if (count == 1) {
            return "at x with " + label.apply(moved) + " moved by " + String.format("%.3g", p[moved] - x[moved]);
        }
        return "at x moved along a direction in " + count + " inputs (fast mode)";
    }
}
