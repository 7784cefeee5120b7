package dev.chainrule.autograd.kernel;

/**
 * Allocation-free loops over raw arrays. Only the kernel package touches raw storage and
 * EJML; the graph code calls these with arrays it owns.
 */
public final class Kernels {
    private Kernels() {
    }

    /** {@code acc[i] += x[i]}. */
    public static void addInPlace(double[] acc, double[] x) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += x[i];
        }
    }
}
