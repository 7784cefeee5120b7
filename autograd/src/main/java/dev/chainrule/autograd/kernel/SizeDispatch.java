package dev.chainrule.autograd.kernel;

/**
 * Sends small products to one kernel and large ones to another. A BLAS call has a fixed cost
 * (argument checks, and for the native path pinning or copying the arrays across JNI) that
 * a tiny product, such as the 100×2 by 2×16 layer of the moons demo, never earns back;
 * the threshold is {@link KernelChoice#SMALL_FLOPS}.
 */
final class SizeDispatch implements MatMulKernel {
    private final MatMulKernel small;
    private final MatMulKernel large;

    SizeDispatch(MatMulKernel small, MatMulKernel large) {
        this.small = small;
        this.large = large;
    }

    /** The large-product kernel's name: that is the one whose speed the benchmarks report. */
    @Override
    public String name() {
        return large.name();
    }

    private MatMulKernel pick(int m, int k, int n) {
        return (long) m * k * n < KernelChoice.SMALL_FLOPS ? small : large;
    }

    @Override
    public void mult(double[] a, double[] b, double[] c, int m, int k, int n) {
        pick(m, k, n).mult(a, b, c, m, k, n);
    }

    @Override
    public void multAdd(double[] a, double[] b, double[] c, int m, int k, int n) {
        pick(m, k, n).multAdd(a, b, c, m, k, n);
    }

    @Override
    public void multTransBAdd(double[] a, double[] b, double[] c, int m, int k, int n) {
        pick(m, k, n).multTransBAdd(a, b, c, m, k, n);
    }

    @Override
    public void multTransA(double[] a, double[] b, double[] c, int m, int k, int n) {
        pick(m, k, n).multTransA(a, b, c, m, k, n);
    }

    @Override
    public void multTransB(double[] a, double[] b, double[] c, int m, int k, int n) {
        pick(m, k, n).multTransB(a, b, c, m, k, n);
    }

    @Override
    public void mult(float[] a, float[] b, float[] c, int m, int k, int n) {
        pick(m, k, n).mult(a, b, c, m, k, n);
    }

    @Override
    public void multAdd(float[] a, float[] b, float[] c, int m, int k, int n) {
        pick(m, k, n).multAdd(a, b, c, m, k, n);
    }

    @Override
    public void multTransBAdd(float[] a, float[] b, float[] c, int m, int k, int n) {
        pick(m, k, n).multTransBAdd(a, b, c, m, k, n);
    }

    @Override
    public void multTransA(float[] a, float[] b, float[] c, int m, int k, int n) {
        pick(m, k, n).multTransA(a, b, c, m, k, n);
    }

    @Override
    public void multTransB(float[] a, float[] b, float[] c, int m, int k, int n) {
        pick(m, k, n).multTransB(a, b, c, m, k, n);
    }
}
