package dev.chainrule.autograd.kernel;

/** The ternary selection loop of {@code where}, over three broadcast operands without expanded copies. */
public final class Select {
    private Select() {
    }

    /**
     * {@code out[k] = mask[im(k)] != 0 ? a[ia(k)] : b[ib(k)]} over the row-major index k of
     * {@code shape}; {@code sm}, {@code sa}, {@code sb} are the operands' strides in that
     * shape (0 along broadcast axes).
     */
    public static void where(double[] mask, int[] sm, double[] a, int[] sa, double[] b, int[] sb,
                             int[] shape, double[] out) {
        int rank = shape.length;
        if (rank == 0) {
            out[0] = mask[0] != 0 ? a[0] : b[0];
            return;
        }
        if (out.length == 0) {
            return;
        }
        int[] idx = new int[rank];
        int last = rank - 1, n = shape[last], lm = sm[last], la = sa[last], lb = sb[last];
        int im = 0, ia = 0, ib = 0;
        for (int k = 0; k < out.length; k += n) {
            for (int j = 0, pm = im, pa = ia, pb = ib; j < n; j++, pm += lm, pa += la, pb += lb) {
                out[k + j] = mask[pm] != 0 ? a[pa] : b[pb];
            }
            // advance the outer index like an odometer
            for (int d = last - 1; d >= 0; d--) {
                im += sm[d];
                ia += sa[d];
                ib += sb[d];
                if (++idx[d] < shape[d]) {
                    break;
                }
                im -= sm[d] * shape[d];
                ia -= sa[d] * shape[d];
                ib -= sb[d] * shape[d];
                idx[d] = 0;
            }
        }
    }
}
