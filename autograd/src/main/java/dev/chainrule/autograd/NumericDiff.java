package dev.chainrule.autograd;

import java.util.function.DoubleUnaryOperator;

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
     * @param width the step of the plain central difference, positive
     * @return the (extrapolated) derivative at 0
     */
    public double alongLine(DoubleUnaryOperator g, double width) {
        double d1 = centralQuotient(g, width);
        if (order == 2) {
            return d1;
        }
        double d2 = centralQuotient(g, width / 2);
        double r1 = (4 * d2 - d1) / 3;
        if (order == 4) {
            return r1;
        }
        double d3 = centralQuotient(g, width / 4);
        double r2 = (4 * d3 - d2) / 3;
        return (16 * r2 - r1) / 15;
    }

    /**
     * The derivative of {@code f} at {@code x}, with {@code x}'s own scaled step.
     *
     * @param f a smooth function near {@code x}
     * @param x the point
     * @return {@code f'(x)}
     */
    public double derivative(DoubleUnaryOperator f, double x) {
        return alongLine(t -> f.applyAsDouble(x + t), stepFor(x));
    }

    /**
     * The partial derivative of {@code f} in input {@code i} at {@code x} ({@code x} is not changed).
     *
     * @param f a function of {@code x.length} variables, smooth near {@code x}
     * @param x the point
     * @param i which input
     * @return {@code ∂f/∂x_i}
     */
    public double partial(java.util.function.ToDoubleFunction<double[]> f, double[] x, int i) {
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
     * @param g     the vector function along the line (each call may return a fresh array)
     * @param width the step of the plain central difference, positive
     * @return the (extrapolated) derivative of every element at 0
     */
    public double[] alongLineVector(java.util.function.DoubleFunction<double[]> g, double width) {
        double[] d1 = centralQuotientVector(g, width);
        if (order == 2) {
            return d1;
        }
        double[] d2 = centralQuotientVector(g, width / 2);
        double[] out = new double[d1.length];
        for (int i = 0; i < out.length; i++) {
            double r1 = (4 * d2[i] - d1[i]) / 3;
            out[i] = r1;
        }
        if (order == 4) {
            return out;
        }
        double[] d3 = centralQuotientVector(g, width / 4);
        for (int i = 0; i < out.length; i++) {
            double r2 = (4 * d3[i] - d2[i]) / 3;
            out[i] = (16 * r2 - out[i]) / 15;
        }
        return out;
    }

    private static double[] centralQuotientVector(java.util.function.DoubleFunction<double[]> g, double h) {
        double[] up = g.apply(h).clone();
        double[] down = g.apply(-h);
        if (down.length != up.length) {
            throw new IllegalArgumentException("NumericDiff: the function returned " + up.length + " and then "
                    + down.length + " elements; its output size must not depend on the point");
        }
        double[] out = new double[up.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (up[i] - down[i]) / (2 * h);
        }
        return out;
    }

    private static double centralQuotient(DoubleUnaryOperator g, double h) {
        return (g.applyAsDouble(h) - g.applyAsDouble(-h)) / (2 * h);
    }

    /** @return e.g. {@code "central differences, order 4 (Richardson), step 1.0e-06 * max(1, |x_i|)"} */
    @Override
    public String toString() {
        return "central differences, order " + order + (order > 2 ? " (Richardson)" : "")
                + ", step " + step + " * max(1, |x_i|)";
    }
}
