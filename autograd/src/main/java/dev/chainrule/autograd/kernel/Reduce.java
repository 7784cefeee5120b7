package dev.chainrule.autograd.kernel;

/**
 * Loops of the axis reductions (max, min, log-sum-exp, the tie masks of max/min) and of
 * softmax along one axis.
 *
 * <p>A reduction over any set of axes is described by an index map: for each input element
 * (row-major), the offset of the output element it reduces into. {@link #outIndex} builds it
 * once per call from the output's strides in the input shape (0 along reduced axes).
 */
public final class Reduce {
    private Reduce() {
    }

    /**
     * For each row-major index of {@code shape}, the offset {@code Σ idx[d] * strides[d]}:
     * with the kept-dims output's broadcast strides, the output element it reduces into.
     *
     * @param shape   the input's shape
     * @param strides the output's strides over {@code shape}, 0 along the reduced axes
     * @return a new array, for each input element (row-major) the index of the output element it reduces into
     */
    public static int[] outIndex(int[] shape, int[] strides) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        int[] map = new int[n];
        int rank = shape.length;
        if (rank == 0 || n == 0) {
            return map;
        }
        Odometer at = new Odometer(shape, strides);
        for (int k = 0; k < n; k++) {
            map[k] = at.at[0];
            at.next(rank - 1);
        }
        return map;
    }

    /**
     * {@code out[map[i]] = max over i of in[i]}; NaN wins (propagates), as in PyTorch.
     *
     * @param in        the input numbers
     * @param map       for each input element, its output index (as {@link #outIndex} makes it)
     * @param outLength the number of outputs
     * @return a new array of {@code outLength} maxima (-∞ for an output no input maps to)
     */
    public static double[] max(double[] in, int[] map, int outLength) {
        double[] out = new double[outLength];
        java.util.Arrays.fill(out, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < in.length; i++) {
            int o = map[i];
            double v = in[i];
            if (v > out[o] || v != v) {
                out[o] = v;
            }
        }
        return out;
    }

    /**
     * {@code out[map[i]] = min over i of in[i]}; NaN wins (propagates), as in PyTorch.
     *
     * @param in        the input numbers
     * @param map       for each input element, its output index (as {@link #outIndex} makes it)
     * @param outLength the number of outputs
     * @return a new array of {@code outLength} minima (+∞ for an output no input maps to)
     */
    public static double[] min(double[] in, int[] map, int outLength) {
        double[] out = new double[outLength];
        java.util.Arrays.fill(out, Double.POSITIVE_INFINITY);
        for (int i = 0; i < in.length; i++) {
            int o = map[i];
            double v = in[i];
            if (v < out[o] || v != v) {
                out[o] = v;
            }
        }
        return out;
    }

    /**
     * The gradient weights of a max/min reduction: {@code 1/k} where {@code in[i]} equals its
     * reduced value {@code red[map[i]]} and k elements of that slice do (ties share evenly),
     * else 0. A NaN counts as equal to a NaN result, so the gradient reaches it.
     *
     * @param in  the reduction's input
     * @param map for each input element, its output index
     * @param red the reduction's result (the max or min of each slice)
     * @return a new array of in's length: each element's share of its slice's gradient
     */
    public static double[] tieWeights(double[] in, int[] map, double[] red) {
        double[] w = new double[in.length];
        double[] count = new double[red.length];
        for (int i = 0; i < in.length; i++) {
            double r = red[map[i]];
            if (in[i] == r || (in[i] != in[i] && r != r)) {
                w[i] = 1;
                count[map[i]]++;
            }
        }
        for (int i = 0; i < in.length; i++) {
            if (w[i] != 0) {
                w[i] = 1 / count[map[i]];
            }
        }
        return w;
    }

    /**
     * {@code out[o] = log Σ exp(in[i])} over the i with {@code map[i] = o}, computed as
     * {@code m + log Σ exp(in[i] - m)} with m the slice maximum (taken as 0 when infinite, so
     * an all -∞ slice gives -∞ and a +∞ entry gives +∞ rather than NaN).
     *
     * @param in        the input numbers
     * @param map       for each input element, its output index (as {@link #outIndex} makes it)
     * @param outLength the number of outputs
     * @return a new array of {@code outLength} results
     */
    public static double[] logSumExp(double[] in, int[] map, int outLength) {
        double[] m = max(in, map, outLength);
        for (int o = 0; o < outLength; o++) {
            if (Double.isInfinite(m[o])) {
                m[o] = 0;
            }
        }
        double[] s = new double[outLength];
        for (int i = 0; i < in.length; i++) {
            s[map[i]] += Math.exp(in[i] - m[map[i]]);
        }
        for (int o = 0; o < outLength; o++) {
            s[o] = m[o] + Math.log(s[o]);
        }
        return s;
    }

    /**
     * Softmax along the middle axis of a tensor viewed as {@code [outer, n, inner]}, shifted
     * by each slice's maximum so logits of any magnitude give finite results.
     *
     * @param in    the logits, row-major {@code [outer, n, inner]}
     * @param outer the product of the axes before the softmax axis
     * @param n     the length of the softmax axis
     * @param inner the product of the axes after it
     * @return a new array of in's length and layout, each slice summing to 1
     */
    public static double[] softmax(double[] in, int outer, int n, int inner) {
        double[] out = new double[in.length];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int base = o * n * inner + j;
                double m = shift(in, base, n, inner);
                double s = 0;
                for (int k = 0, p = base; k < n; k++, p += inner) {
                    double e = Math.exp(in[p] - m);
                    out[p] = e;
                    s += e;
                }
                for (int k = 0, p = base; k < n; k++, p += inner) {
                    out[p] /= s;
                }
            }
        }
        return out;
    }

    /**
     * Log-softmax along the middle axis of {@code [outer, n, inner]}: {@code x - logSumExp(x)}, stably.
     *
     * @param in    the logits, row-major {@code [outer, n, inner]}
     * @param outer the product of the axes before the softmax axis
     * @param n     the length of the softmax axis
     * @param inner the product of the axes after it
     * @return a new array of in's length and layout
     */
    public static double[] logSoftmax(double[] in, int outer, int n, int inner) {
        double[] out = new double[in.length];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int base = o * n * inner + j;
                double m = shift(in, base, n, inner);
                double s = 0;
                for (int k = 0, p = base; k < n; k++, p += inner) {
                    s += Math.exp(in[p] - m);
                }
                double lse = m + Math.log(s);
                for (int k = 0, p = base; k < n; k++, p += inner) {
                    out[p] = in[p] - lse;
                }
            }
        }
        return out;
    }

    /**
     * The slice's maximum, subtracted before exponentiating so no exp overflows; 0 when the
     * maximum is infinite, since subtracting an infinity would turn every entry into NaN.
     */
    private static double shift(double[] in, int base, int n, int inner) {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0, p = base; k < n; k++, p += inner) {
            m = Math.max(m, in[p]);
        }
        return Double.isInfinite(m) ? 0 : m;
    }
}
