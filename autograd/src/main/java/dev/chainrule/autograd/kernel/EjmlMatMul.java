package dev.chainrule.autograd.kernel;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * Matrix products through EJML on wrapped arrays (no copies, no explicit transposes),
 * using EJML's concurrent variants when the product is large enough to pay for threads
 * ({@link KernelChoice#EJML_CONCURRENT_MIN_FLOPS}). Float32 products take {@link MatMulKernel}'s
 * defaults (the float64 product of the widened operands, rounded once): EJML's float32 module
 * ({@code ejml-fdense}) repeats {@code ejml-ddense}'s packages, so the two cannot both be read by
 * one named module, and autograd has a module descriptor.
 */
public final class EjmlMatMul implements MatMulKernel {
    private final boolean concurrent;

    /**
     * An EJML kernel; {@code concurrent} allows EJML's threaded variants for large products.
     *
     * @param concurrent whether EJML may use its multithreaded products
     */
    public EjmlMatMul(boolean concurrent) {
        this.concurrent = concurrent;
    }

    @Override
    public String name() {
        return concurrent ? "ejml-mt" : "ejml";
    }

    private boolean threaded(int m, int k, int n) {
        return concurrent && (long) m * k * n >= KernelChoice.EJML_CONCURRENT_MIN_FLOPS;
    }

    @Override
    public void mult(double[] a, double[] b, double[] c, int m, int k, int n) {
        DMatrixRMaj A = DMatrixRMaj.wrap(m, k, a), B = DMatrixRMaj.wrap(k, n, b), C = DMatrixRMaj.wrap(m, n, c);
        if (threaded(m, k, n)) {
            CommonOps_MT_DDRM.mult(A, B, C);
        } else {
            CommonOps_DDRM.mult(A, B, C);
        }
    }

    @Override
    public void multAdd(double[] a, double[] b, double[] c, int m, int k, int n) {
        DMatrixRMaj A = DMatrixRMaj.wrap(m, k, a), B = DMatrixRMaj.wrap(k, n, b), C = DMatrixRMaj.wrap(m, n, c);
        if (threaded(m, k, n)) {
            CommonOps_MT_DDRM.multAdd(A, B, C);
        } else {
            CommonOps_DDRM.multAdd(A, B, C);
        }
    }

    @Override
    public void multTransBAdd(double[] a, double[] b, double[] c, int m, int k, int n) {
        DMatrixRMaj A = DMatrixRMaj.wrap(m, k, a), B = DMatrixRMaj.wrap(n, k, b), C = DMatrixRMaj.wrap(m, n, c);
        if (threaded(m, k, n)) {
            CommonOps_MT_DDRM.multAddTransB(A, B, C);
        } else {
            CommonOps_DDRM.multAddTransB(A, B, C);
        }
    }

    @Override
    public void multTransA(double[] a, double[] b, double[] c, int m, int k, int n) {
        DMatrixRMaj A = DMatrixRMaj.wrap(k, m, a), B = DMatrixRMaj.wrap(k, n, b), C = DMatrixRMaj.wrap(m, n, c);
        if (threaded(m, k, n)) {
            CommonOps_MT_DDRM.multTransA(A, B, C);
        } else {
            CommonOps_DDRM.multTransA(A, B, C);
        }
    }

    @Override
    public void multTransB(double[] a, double[] b, double[] c, int m, int k, int n) {
        DMatrixRMaj A = DMatrixRMaj.wrap(m, k, a), B = DMatrixRMaj.wrap(n, k, b), C = DMatrixRMaj.wrap(m, n, c);
        if (threaded(m, k, n)) {
            CommonOps_MT_DDRM.multTransB(A, B, C);
        } else {
            CommonOps_DDRM.multTransB(A, B, C);
        }
    }
}
