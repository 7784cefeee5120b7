package dev.chainrule.autograd;

import java.util.Objects;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Numeric derivatives of a function of one variable along a line: central differences, with
 * Richardson extrapolation to order 4 or 6 on request. Immutable; {@link GradCheck} uses it
 * for every finite difference, and it is public so you can use it on its own.
 *
 * <pre>{@code
 * NumericDiff d = NumericDiff.central(1e-6).order(4);
 * double slope = d.derivative(Math::sin, 0.3);                    // ≈ cos(0.3), error ~ h^4
 * double dfdx1 = d.partial(x -> x[0] * x[1] * x[1], new double[] {2, 3}, 1);   // 12
 * }</pre>
 *
 * <p>The step is chosen per input from its scale: {@code h_i = h * max(1, |x_i|)}, so an input
 * near 1e8 is moved by 1e8·h (far above its rounding) and one near 0 by h. Order 2 is the plain
 * central difference {@code D(h) = (g(h) - g(-h)) / 2h} (exact on quadratics, error ~ h²).
 * Order 4 is {@code (4 D(h/2) - D(h)) / 3} (exact on quartics, error ~ h⁴), order 6 extrapolates
 * once more with {@code D(h/4)} (exact on degree-6 polynomials, error ~ h⁶). Higher orders cost
 * more evaluations (2, 4, 6) but tolerate steps where the plain difference is dominated by
 * curvature.
 */
public final class NumericDiff {
    private final double step;
    private final int order;

    private NumericDiff(double step, int order) {
        this.step = step;
        this.order = order;
    }

    /**
     * Plain central differences (order 2) with base step {@code h}.
     *
     * @param h the base step, positive and finite; each input's step is {@code h * max(1, |x_i|)}
     * @return the differentiator
     */
    public static NumericDiff central(double h) {
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("NumericDiff.central: h must be positive and finite, got " + h);
        }
        return new NumericDiff(h, 2);
    }

    /**
     * The same differentiator at accuracy order 2 (plain), 4 or 6 (Richardson extrapolation).
     *
     * @param order 2, 4 or 6
     * @return a new differentiator
     */
    public NumericDiff order(int order) {
        if (order != 2 && order != 4 && order != 6) {
            throw new IllegalArgumentException("NumericDiff.order: order must be 2, 4 or 6, got " + order);
        }
        return new NumericDiff(step, order);
    }

    /** @return the base step h */
    public double step() {
        return step;
    }

    /** @return the accuracy order: 2, 4 or 6 */
    public int order() {
        return order;
    }

    /** @return the number of function evaluations one derivative costs (2, 4 or 6) */
    public int evaluations() {
        return order;
    }

    /**
     * The step used for an input at {@code x}: {@code h * max(1, |x|)}.
     *
     * @param x the input's value
     * @return its step
     */
    public double stepFor(double x) {
        return step * Math.max(1, Math.abs(x));
    }

    /**
     * {@code g'(0)} for a function along a line, with the given order-2 step.
     *
     * @param g     the function along the line, evaluated at {@code ±width} (and {@code ±width/2},
     *              {@code ±width/4} for the Richardson levels)
     * @param width the step of the plain central difference, positive and finite
     * @return the (extrapolated) derivative at 0
     */
    public double alongLine(DoubleUnaryOperator g, double width) {
        Objects.requireNonNull(g, "NumericDiff.alongLine: the function is null");
        return extrapolated(t -> new double[] {g.applyAsDouble(t)}, width, "alongLine")[0];
    }

    /**
     * The derivative of {@code f} at {@code x}, with {@code x}'s own scaled step.
     *
     * @param f a smooth function near {@code x}
     * @param x the point
     * @return {@code f'(x)}
     */
    public double derivative(DoubleUnaryOperator f, double x) {
        Objects.requireNonNull(f, "NumericDiff.derivative: the function is null");
        return alongLine(t -> f.applyAsDouble(x + t), stepFor(x));
    }

    /**
     * The partial derivative of {@code f} in input {@code i} at {@code x} ({@code x} is not changed).
     *
     * @param f a function of {@code x.length} variables, smooth near {@code x}
     * @param x the point
     * @param i which input, {@code 0 <= i < x.length}
     * @return {@code ∂f/∂x_i}
     */
    public double partial(ToDoubleFunction<double[]> f, double[] x, int i) {
        Objects.requireNonNull(f, "NumericDiff.partial: the function is null");
        Objects.requireNonNull(x, "NumericDiff.partial: the point x is null");
        if (i < 0 || i >= x.length) {
            throw new IllegalArgumentException("NumericDiff.partial: input " + i + " does not exist; x has "
                    + x.length + " inputs (0 to " + (x.length - 1) + ")");
        }
        double[] p = x.clone();
        double xi = x[i];
        return alongLine(t -> {
            p[i] = xi + t;
            return f.applyAsDouble(p);
        }, stepFor(xi));
    }

    /**
     * {@link #alongLine(DoubleUnaryOperator, double)} for a vector function, element by element.
     *
     * @param g     the vector function along the line (each call may return a fresh array; every
     *              call must return the same number of elements)
     * @param width the step of the plain central difference, positive and finite
     * @return the (extrapolated) derivative of every element at 0
     */
    public double[] alongLineVector(DoubleFunction<double[]> g, double width) {
        Objects.requireNonNull(g, "NumericDiff.alongLineVector: the function is null");
        return extrapolated(g, width, "alongLineVector");
    }

    /**
     * Richardson's tableau over the central quotients at {@code width}, {@code width/2},
     * {@code width/4}: each column cancels the next even power of the step (h², then h⁴).
     * The scalar and the vector forms both come here, so there is one extrapolation.
     */
    private double[] extrapolated(DoubleFunction<double[]> g, double width, String op) {
        if (!(width > 0) || !Double.isFinite(width)) {
            throw new IllegalArgumentException("NumericDiff." + op + ": width must be positive and finite, got " + width);
        }
        int levels = order / 2;
        double[][] t = new double[levels][];
        for (int k = 0; k < levels; k++) {
            t[k] = centralQuotients(g, width / (1 << k), k == 0 ? -1 : t[0].length, op);
        }
        for (int m = 1; m < levels; m++) {
            double factor = 1 << (2 * m); // 4^m
            // downwards, so t[k - 1] still holds the previous column when t[k] is updated
            for (int k = levels - 1; k >= m; k--) {
                for (int i = 0; i < t[k].length; i++) {
                    t[k][i] = (factor * t[k][i] - t[k - 1][i]) / (factor - 1);
                }
            }
        }
        return t[levels - 1];
    }

    /** {@code (g(h) - g(-h)) / 2h} per element; {@code size} is the length seen before, or -1. */
    private static double[] centralQuotients(DoubleFunction<double[]> g, double h, int size, String op) {
        double[] up = evaluate(g, h, size, op).clone();
        double[] down = evaluate(g, -h, up.length, op);
        double[] out = new double[up.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (up[i] - down[i]) / (2 * h);
        }
        return out;
    }

    private static double[] evaluate(DoubleFunction<double[]> g, double t, int size, String op) {
        double[] y = g.apply(t);
        if (y == null) {
            throw new IllegalArgumentException("NumericDiff." + op + ": the function returned null at t = " + t);
        }
        if (size >= 0 && y.length != size) {
            throw new IllegalArgumentException("NumericDiff." + op + ": the function returned " + y.length
                    + " elements at t = " + t + " but " + size + " before; its output size must not depend on the point");
        }
        return y;
    }

    /** @return e.g. {@code "central differences, order 4 (Richardson), step 1.0e-06 * max(1, |x_i|)"} */
    @Override
    public String toString() {
        return "central differences, order " + order + (order > 2 ? " (Richardson)" : "")
                + ", step " + step + " * max(1, |x_i|)";
    }
}
