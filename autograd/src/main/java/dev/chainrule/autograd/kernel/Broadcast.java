package dev.chainrule.autograd.kernel;

import java.util.function.DoubleBinaryOperator;

/**
 * Elementwise binary loops over broadcast operands without materialising expanded copies:
 * each operand is read through strides that are 0 along its broadcast axes.
 */
public final class Broadcast {
    private Broadcast() {
    }

    /**
     * {@code out[k] = f(a[ia(k)], b[ib(k)])} over the row-major index k of {@code shape};
     * {@code sa}, {@code sb} are the operands' strides in that shape (0 where broadcast).
     */
    public static void binary(double[] a, int[] sa, double[] b, int[] sb, int[] shape, double[] out,
                              DoubleBinaryOperator f) {
        int rank = shape.length;
        if (rank == 0) {
            out[0] = f.applyAsDouble(a[0], b[0]);
            return;
        }
        int[] idx = new int[rank];
        int last = rank - 1, n = shape[last], la = sa[last], lb = sb[last];
        int ia = 0, ib = 0;
        for (int k = 0; k < out.length; k += n) {
            for (int j = 0, pa = ia, pb = ib; j < n; j++, pa += la, pb += lb) {
                out[k + j] = f.applyAsDouble(a[pa], b[pb]);
            }
            // advance the outer index like an odometer
            for (int d = last - 1; d >= 0; d--) {
                ia += sa[d];
                ib += sb[d];
                if (++idx[d] < shape[d]) {
                    break;
                }
                ia -= sa[d] * shape[d];
                ib -= sb[d] * shape[d];
                idx[d] = 0;
            }
        }
    }

    /** Copies {@code in} (read through strides {@code s}) into the larger {@code shape}. */
    public static void expand(double[] in, int[] s, int[] shape, double[] out) {
        binary(in, s, in, s, shape, out, (x, y) -> x);
    }

    /** Adds every element of {@code in} (of shape {@code shape}) into {@code out}, read through strides {@code s} of {@code out}: the inverse of {@link #expand}. */
    public static void sumInto(double[] in, int[] shape, double[] out, int[] s) {
        int rank = shape.length;
        if (rank == 0) {
            out[0] += in[0];
            return;
        }
        int[] idx = new int[rank];
        int last = rank - 1, n = shape[last], ls = s[last];
        int io = 0;
        for (int k = 0; k < in.length; k += n) {
            for (int j = 0, po = io; j < n; j++, po += ls) {
                out[po] += in[k + j];
            }
            for (int d = last - 1; d >= 0; d--) {
                io += s[d];
                if (++idx[d] < shape[d]) {
                    break;
                }
                io -= s[d] * shape[d];
                idx[d] = 0;
            }
        }
    }
}
