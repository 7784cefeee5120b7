package dev.chainrule.autograd.kernel;

/** The ternary selection loop of {@code where}, over three broadcast operands without expanded copies. */
public final class Select {
    private Select() {
    }

    /**
     * {@code out[k] = mask[im(k)] != 0 ? a[ia(k)] : b[ib(k)]} over the row-major index k of
     * {@code shape}; {@code sm}, {@code sa}, {@code sb} are the operands' strides in that
     * shape (0 along broadcast axes).
     *
     * @param mask  the condition's storage (nonzero selects {@code a})
     * @param sm    mask's strides over {@code shape}, 0 along broadcast axes
     * @param a     the values where the mask holds
     * @param sa    a's strides over {@code shape}, 0 along broadcast axes
     * @param b     the values elsewhere
     * @param sb    b's strides over {@code shape}, 0 along broadcast axes
     * @param shape the broadcast result shape
     * @param out   receives the result, row-major, of shape's element count
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
        int last = rank - 1, n = shape[last], lm = sm[last], la = sa[last], lb = sb[last];
        Odometer at = new Odometer(shape, sm, sa, sb);
        for (int k = 0; k < out.length; k += n) {
            for (int j = 0, pm = at.at[0], pa = at.at[1], pb = at.at[2]; j < n; j++, pm += lm, pa += la, pb += lb) {
                out[k + j] = mask[pm] != 0 ? a[pa] : b[pb];
            }
            at.next(last - 1);
        }
    }
}
