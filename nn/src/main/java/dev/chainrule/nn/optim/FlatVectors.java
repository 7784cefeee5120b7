package dev.chainrule.nn.optim;

/**
 * The few vector operations L-BFGS needs, on flat arrays, rounded as PyTorch's CPU kernels
 * round them for short vectors: {@code dot} accumulates with fused multiply-adds in order,
 * {@code add_(v, alpha)} is one fused multiply-add per entry. (Longer vectors go through
 * BLAS in PyTorch, whose summation order differs in the last bits.)
 */
final class FlatVectors {
    private FlatVectors() {
    }

    /** Σ a_i·b_i, accumulated in order with fused multiply-adds. */
    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s = Math.fma(a[i], b[i], s);
        }
        return s;
    }

    /** a ← a + alpha·b, in place (PyTorch's {@code a.add_(b, alpha=alpha)}). */
    static void addScaled(double[] a, double alpha, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.fma(alpha, b[i], a[i]);
        }
    }

    /** A new array alpha·a. */
    static double[] scaled(double[] a, double alpha) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * alpha;
        }
        return out;
    }

    /** A new array a − b. */
    static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    /** max |a_i| (NaN when an entry is NaN, as {@code abs().max()}); 0 for an empty array. */
    static double maxAbs(double[] a) {
        double m = 0;
        for (double x : a) {
            double v = Math.abs(x);
            if (Double.isNaN(v)) {
                return v;
            }
            m = Math.max(m, v);
        }
        return m;
    }

    /** Σ |a_i|. */
    static double sumAbs(double[] a) {
        double s = 0;
        for (double x : a) {
            s += Math.abs(x);
        }
        return s;
    }

    /** Python's {@code max(a, b)}: a unless b &gt; a (so a NaN first stays). */
    static double pyMax(double a, double b) {
        return b > a ? b : a;
    }

    /** Python's {@code min(a, b)}: a unless b &lt; a. */
    static double pyMin(double a, double b) {
        return b < a ? b : a;
    }
}
