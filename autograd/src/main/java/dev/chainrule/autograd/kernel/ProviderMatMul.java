package dev.chainrule.autograd.kernel;

import java.util.Objects;

/**
 * The four products of {@link MatMulKernel} on a plug-in {@link MatMulProvider}'s row-major
 * dgemm. Empty products are settled here, so providers only see m, n, k ≥ 1.
 */
final class ProviderMatMul implements MatMulKernel {
    private final MatMulProvider provider;

    ProviderMatMul(MatMulProvider provider) {
        this.provider = Objects.requireNonNull(provider, "ProviderMatMul: provider is null");
    }

    /** The provider behind this kernel (for its thread control). */
    MatMulProvider provider() {
        return provider;
    }

    @Override
    public String name() {
        return provider.name();
    }

    @Override
    public void mult(double[] a, double[] b, double[] c, int m, int k, int n) {
        if (!BlasMatMul.trivial(c, m, k, n)) {
            provider.dgemm(false, false, m, n, k, 1.0, a, k, b, n, 0.0, c, n);
        }
    }

    @Override
    public void multAdd(double[] a, double[] b, double[] c, int m, int k, int n) {
        // an empty result or inner dimension adds nothing
        if (m != 0 && n != 0 && k != 0) {
            provider.dgemm(false, false, m, n, k, 1.0, a, k, b, n, 1.0, c, n);
        }
    }

    @Override
    public void multTransBAdd(double[] a, double[] b, double[] c, int m, int k, int n) {
        if (m != 0 && n != 0 && k != 0) {
            provider.dgemm(false, true, m, n, k, 1.0, a, k, b, k, 1.0, c, n);
        }
    }

    @Override
    public void multTransA(double[] a, double[] b, double[] c, int m, int k, int n) {
        if (!BlasMatMul.trivial(c, m, k, n)) {
            provider.dgemm(true, false, m, n, k, 1.0, a, m, b, n, 0.0, c, n);
        }
    }

    @Override
    public void multTransB(double[] a, double[] b, double[] c, int m, int k, int n) {
        if (!BlasMatMul.trivial(c, m, k, n)) {
            provider.dgemm(false, true, m, n, k, 1.0, a, k, b, k, 0.0, c, n);
        }
    }

    @Override
    public void mult(float[] a, float[] b, float[] c, int m, int k, int n) {
        if (!BlasMatMul.trivial(c, m, k, n)) {
            provider.sgemm(false, false, m, n, k, 1f, a, k, b, n, 0f, c, n);
        }
    }

    @Override
    public void multAdd(float[] a, float[] b, float[] c, int m, int k, int n) {
        if (m != 0 && n != 0 && k != 0) {
            provider.sgemm(false, false, m, n, k, 1f, a, k, b, n, 1f, c, n);
        }
    }

    @Override
    public void multTransBAdd(float[] a, float[] b, float[] c, int m, int k, int n) {
        if (m != 0 && n != 0 && k != 0) {
            provider.sgemm(false, true, m, n, k, 1f, a, k, b, k, 1f, c, n);
        }
    }

    @Override
    public void multTransA(float[] a, float[] b, float[] c, int m, int k, int n) {
        if (!BlasMatMul.trivial(c, m, k, n)) {
            provider.sgemm(true, false, m, n, k, 1f, a, m, b, n, 0f, c, n);
        }
    }

    @Override
    public void multTransB(float[] a, float[] b, float[] c, int m, int k, int n) {
        if (!BlasMatMul.trivial(c, m, k, n)) {
            provider.sgemm(false, true, m, n, k, 1f, a, k, b, k, 0f, c, n);
        }
    }
}
