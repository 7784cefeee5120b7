package dev.chainrule.autograd.kernel;

/**
 * Loops of the vector p-norms over any set of axes, with the index map of {@link Reduce}
 * ({@code map[i]} is the output element input i reduces into).
 */
public final class VectorNorm {
    private VectorNorm() {
    }

    /**
     * {@code out[o] = (Σ |in[i]|^p)^(1/p)} for a finite p &gt; 0, computed as
     * {@code m·(Σ (|in[i]|/m)^p)^(1/p)} with m the largest magnitude of the slice, so neither
     * large nor tiny entries overflow or underflow; p = 1 is the plain sum of magnitudes.
     * NaN propagates; a slice of zeros (or none) gives 0, an infinite entry ∞.
     *
     * @param in        the input numbers
     * @param map       for each input element, its output index
     * @param outLength the number of outputs
     * @param p         the norm's order, finite and &gt; 0
     * @return a new array of {@code outLength} norms
     */
    public static double[] pNorm(double[] in, int[] map, int outLength, double p) {
        double[] out = new double[outLength];
        if (p == 1) {
            for (int i = 0; i < in.length; i++) {
                out[map[i]] += Math.abs(in[i]);
            }
            return out;
        }
        double[] m = new double[outLength];
        for (int i = 0; i < in.length; i++) {
            double v = Math.abs(in[i]);
            if (v > m[map[i]] || v != v) {
                m[map[i]] = v;
            }
        }
        for (int i = 0; i < in.length; i++) {
            double scale = m[map[i]];
            if (scale > 0 && Double.isFinite(scale)) {
                double r = Math.abs(in[i]) / scale;
                out[map[i]] += p == 2 ? r * r : Math.pow(r, p);
            }
        }
        for (int o = 0; o < outLength; o++) {
            double scale = m[o];
            out[o] = scale > 0 && Double.isFinite(scale)
                    ? scale * (p == 2 ? Math.sqrt(out[o]) : Math.pow(out[o], 1 / p))
                    : scale; // 0, ∞ or NaN
        }
        return out;
    }

    /**
     * {@code out[o]} = how many of its inputs are not 0 (NaN counts, as PyTorch's 0-norm).
     *
     * @param in        the input numbers
     * @param map       for each input element, its output index
     * @param outLength the number of outputs
     * @return a new array of {@code outLength} counts (whole numbers, as doubles)
     */
    public static double[] countNonZero(double[] in, int[] map, int outLength) {
        double[] out = new double[outLength];
        for (int i = 0; i < in.length; i++) {
            if (in[i] != 0) {
                out[map[i]]++;
            }
        }
        return out;
    }
}
