package dev.chainrule.autograd.kernel;

/**
 * Loops of the scans along one axis (cumulative sum, product, log-sum-exp, and the linear
 * recurrence their gradients are written with) and of the product reduction along one axis.
 *
 * <p>Every loop sees the tensor as {@code [outer, n, inner]} around the scanned axis (row-major,
 * so element k of slice (o, j) is at {@code (o * n + k) * inner + j}). {@code reverse} scans
 * from the last element of each slice to the first.
 */
public final class Scan {
    private Scan() {
    }

    /**
     * Running sums along the axis: {@code out[k] = Σ in[i]} over i up to k in scan order.
     *
     * @param in      the numbers, row-major {@code [outer, n, inner]}
     * @param outer   the product of the axes before the scanned axis
     * @param n       the length of the scanned axis
     * @param inner   the product of the axes after it
     * @param reverse whether to scan from the end of the axis
     * @return a new array of in's length and layout
     */
    public static double[] cumsum(double[] in, int outer, int n, int inner, boolean reverse) {
        double[] out = new double[in.length];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                double s = 0;
                for (int t = 0; t < n; t++) {
                    int p = at(o, reverse ? n - 1 - t : t, j, n, inner);
                    s += in[p];
                    out[p] = s;
                }
            }
        }
        return out;
    }

    /**
     * Running products along the axis: {@code out[k] = Π in[i]} over i up to k in scan order.
     *
     * @param in      the numbers, row-major {@code [outer, n, inner]}
     * @param outer   the product of the axes before the scanned axis
     * @param n       the length of the scanned axis
     * @param inner   the product of the axes after it
     * @param reverse whether to scan from the end of the axis
     * @return a new array of in's length and layout
     */
    public static double[] cumprod(double[] in, int outer, int n, int inner, boolean reverse) {
        double[] out = new double[in.length];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                double s = 1;
                for (int t = 0; t < n; t++) {
                    int p = at(o, reverse ? n - 1 - t : t, j, n, inner);
                    s *= in[p];
                    out[p] = s;
                }
            }
        }
        return out;
    }

    /**
     * Running log Σ exp along the axis, one log-add-exp per step,
     * {@code m + log(exp(s - m) + exp(x - m))} with m the larger of the two, so no exp overflows;
     * a leading run of -∞ stays -∞ and a +∞ makes the rest +∞.
     *
     * @param in    the numbers, row-major {@code [outer, n, inner]}
     * @param outer the product of the axes before the scanned axis
     * @param n     the length of the scanned axis
     * @param inner the product of the axes after it
     * @return a new array of in's length and layout
     */
    public static double[] logCumSumExp(double[] in, int outer, int n, int inner) {
        double[] out = new double[in.length];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                double s = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    int p = at(o, k, j, n, inner);
                    s = logAddExp(s, in[p]);
                    out[p] = s;
                }
            }
        }
        return out;
    }

    private static double logAddExp(double a, double b) {
        if (a != a || b != b) {
            return Double.NaN;
        }
        double m = Math.max(a, b);
        if (m == Double.NEGATIVE_INFINITY || m == Double.POSITIVE_INFINITY) {
            return m; // -∞ + -∞, or anything + ∞: the shift below would give ∞ - ∞
        }
        return m + Math.log1p(Math.exp(Math.min(a, b) - m));
    }

    /**
     * The first-order linear recurrence {@code h[k] = b[k] + a[k] * h[prev]} along the axis, with
     * {@code prev} the element before k in scan order and h before the first element taken as
     * 0 (so the first {@code a} is never read).
     *
     * @param b       the additive terms, row-major {@code [outer, n, inner]}
     * @param a       the multipliers, the same length and layout as {@code b}
     * @param outer   the product of the axes before the scanned axis
     * @param n       the length of the scanned axis
     * @param inner   the product of the axes after it
     * @param reverse whether to run from the end of the axis
     * @return h, a new array of b's length and layout
     */
    public static double[] linearRecurrence(double[] b, double[] a, int outer, int n, int inner, boolean reverse) {
        double[] out = new double[b.length];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                double h = 0;
                for (int t = 0; t < n; t++) {
                    int p = at(o, reverse ? n - 1 - t : t, j, n, inner);
                    h = t == 0 ? b[p] : b[p] + a[p] * h;
                    out[p] = h;
                }
            }
        }
        return out;
    }

    /**
     * The product of each slice along the axis, into {@code [outer, 1, inner]} (1 for an empty axis).
     *
     * @param in    the numbers, row-major {@code [outer, n, inner]}
     * @param outer the product of the axes before the reduced axis
     * @param n     the length of the reduced axis
     * @param inner the product of the axes after it
     * @return a new array of {@code outer · inner} products
     */
    public static double[] prod(double[] in, int outer, int n, int inner) {
        double[] out = new double[outer * inner];
        java.util.Arrays.fill(out, 1);
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < n; k++) {
                int base = (o * n + k) * inner;
                for (int j = 0; j < inner; j++) {
                    out[o * inner + j] *= in[base + j];
                }
            }
        }
        return out;
    }

    private static int at(int o, int k, int j, int n, int inner) {
        return (o * n + k) * inner + j;
    }
}
