package dev.chainrule.autograd.kernel;

/**
 * The elementwise parts of the fused linear-layer op. relu's sign test is data dependent
 * and mispredicts about half the time on a layer's pre-activations, so these select with a
 * bit mask from the comparison (a conditional move) instead of a branch; the results are
 * the same as {@code z > 0 ? z : 0} bit for bit (NaN and -0 give +0).
 */
public final class AffineKernels {
    private AffineKernels() {
    }

    /** {@code z[i] = z[i] > 0 ? z[i] : 0}, in place on an array the caller just made. */
    public static void reluInPlace(double[] z) {
        for (int i = 0; i < z.length; i++) {
            double v = z[i];
            z[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(v) & (v > 0 ? -1L : 0L));
        }
    }

    /** A new array {@code y[i] > 0 ? 1 : 0}: relu's derivative mask read from its output. */
    public static double[] positiveMask(double[] y) {
        double[] out = new double[y.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = y[i] > 0 ? 1 : 0;
        }
        return out;
    }

    /**
     * A new array {@code y[i] > 0 ? g[i] : 0} (relu's first-order backward from its output y),
     * and when {@code columnSums} is not null the column sums of that result, seen as rows of
     * {@code n}, added into it: the bias gradient in the same pass.
     */
    public static double[] maskAndSumColumns(double[] g, double[] y, int n, double[] columnSums) {
        double[] out = new double[y.length];
        if (columnSums == null || n == 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(g[i]) & (y[i] > 0 ? -1L : 0L));
            }
            return out;
        }
        // row by row, the order sumTo adds contiguous rows in
        for (int r = 0; r < out.length; r += n) {
            for (int j = 0; j < n; j++) {
                double v = Double.longBitsToDouble(Double.doubleToRawLongBits(g[r + j]) & (y[r + j] > 0 ? -1L : 0L));
                out[r + j] = v;
                columnSums[j] += v;
            }
        }
        return out;
    }
}
