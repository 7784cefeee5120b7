package dev.chainrule.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
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
            numericColumns[j] = c.centralDifferencesOfVector(x, j, p -> call(f, p, "checkJacobian", "function"));
        }
        List<GradCheck.Entry> entries = new ArrayList<>(jac.length * n);
        for (int i = 0; i < jac.length; i++) {
            for (int j = 0; j < n; j++) {
                entries.add(c.entry("df[" + i + "]/dx[" + j + "]", i * n + j, jac[i][j], numericColumns[j][i]));
            }
        }
        return entries;
    }

    /** Calls a user function on a copy of {@code x} (so it may not change the point) and rejects null. */
    static double[] call(Function<double[], double[]> g, double[] x, String op, String what) {
        return Objects.requireNonNull(g.apply(x.clone()), () -> "GradCheck." + op + ": the " + what + " returned null");
    }

    /** The user's Jacobian at {@code x}, checked to be {@code outputs × x.length}. */
    static double[][] jacobian(Function<double[], double[][]> jac, double[] x, int outputs) {
        double[][] j = Objects.requireNonNull(jac.apply(x.clone()), "GradCheck.checkJacobian: the Jacobian returned null");
        if (j.length != outputs) {
            throw new IllegalArgumentException("GradCheck.checkJacobian: the Jacobian has " + j.length
                    + " rows but the function has " + outputs + " outputs; rows must be outputs");
        }
        for (int i = 0; i < j.length; i++) {
            int row = i;
            Objects.requireNonNull(j[i], () -> "GradCheck.checkJacobian: Jacobian row " + row + " is null");
            if (j[i].length != x.length) {
                throw new IllegalArgumentException("GradCheck.checkJacobian: Jacobian row " + i + " has " + j[i].length
                        + " columns but there are " + x.length + " inputs; columns must be inputs");
            }
        }
        return j;
    }

    static void requireLength(String op, String what, int got, int expected) {
        if (got != expected) {
            throw new IllegalArgumentException("GradCheck." + op + ": the " + what + " has " + got
                    + " entries but there are " + expected + " inputs");
        }
    }

    /** {@code f} on a constant tensor of the given data and shape, with recording off. */
    static Tensor apply(Function<Tensor, Tensor> f, double[] data, int[] shape) {
        try (var off = GradMode.disabled()) {
            Tensor out = f.apply(Tensor.constant(data.clone(), shape));
            if (out == null) {
                throw new NullPointerException("GradCheck.checkVjp: the function returned null for an input of shape "
                        + Arrays.toString(shape));
            }
            return out;
        }
    }
}
