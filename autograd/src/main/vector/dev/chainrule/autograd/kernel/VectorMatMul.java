package dev.chainrule.autograd.kernel;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Pure-Java matrix products on the JDK Vector API ({@code jdk.incubator.vector}), for machines
 * where no native BLAS loads. Blocked and packed as BLAS libraries are (after Goto and van de
 * Geijn): C is computed in tiles of {@link #MR} rows by two vectors of columns, held in eight
 * accumulators across the whole depth of a panel, from a copy of B's panel laid out in the
 * order the tile reads it ({@link #KC} × two vectors, contiguous) and a copy of A's {@link #MR}
 * rows interleaved by depth. Packing also settles the transposed variants: only the packing
 * reads A or B in their stored order. Zero padding of the packed copies handles the edges, so
 * the inner loop has no tails.
 *
 * <p>float32 has its own twin of every routine below the double one ({@link FloatVector}, twice
 * the lanes, so a tile is twice as wide): products accumulate in float32 as sgemm does, within
 * the k-term float32 bound the kernel tests check, instead of widening both operands to
 * float64 (the {@link MatMulKernel} default), which costs copies and half the lanes.
 *
 * <p>Loaded only by name ({@link BlasKernels#javaVector()}) when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}; compiled apart from the rest of autograd (its
 * pom), since javac warns about every use of an incubating module.
 */
final class VectorMatMul implements MatMulKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** f64 lanes of one vector (8 with AVX-512, 4 with AVX2, 2 with NEON). */
    private static final int L = S.length();
    /** Columns of a tile: two vectors. */
    private static final int NR = 2 * L;
    /** Rows of a tile: 4 × 2 accumulators stay in registers with room for the operands. */
    private static final int MR = 4;
    /** Depth of a packed panel: a KC × NR slice of B (32 KiB with AVX-512, in either type) stays in L1. */
    private static final int KC = 256;
    /** Columns of a packed B panel: KC × NC doubles (1 MiB; half that in float32) stay in L2. */
    private static final int NC = 512;

    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    /** f32 lanes of one vector (16 with AVX-512): twice {@link #L}. */
    private static final int FL = FS.length();
    /** Columns of a float32 tile: two vectors; the rows ({@link #MR}) and panel sizes are the double ones. */
    private static final int FNR = 2 * FL;

    /** The packed copies of one thread, grown to the largest panel seen. */
    private static final class Packs {
        double[] a = new double[MR * KC];
        double[] b = new double[0];
        float[] fa = new float[MR * KC];
        float[] fb = new float[0];
    }

    private static final ThreadLocal<Packs> PACKS = ThreadLocal.withInitial(Packs::new);

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void mult(double[] a, double[] b, double[] c, int m, int k, int n) {
        Arrays.fill(c, 0, m * n, 0.0);
        product(a, false, b, false, c, m, k, n);
    }

    @Override
    public void multAdd(double[] a, double[] b, double[] c, int m, int k, int n) {
        product(a, false, b, false, c, m, k, n);
    }

    @Override
    public void multTransBAdd(double[] a, double[] b, double[] c, int m, int k, int n) {
        product(a, false, b, true, c, m, k, n);
    }

    @Override
    public void multTransA(double[] a, double[] b, double[] c, int m, int k, int n) {
        Arrays.fill(c, 0, m * n, 0.0);
        product(a, true, b, false, c, m, k, n);
    }

    @Override
    public void multTransB(double[] a, double[] b, double[] c, int m, int k, int n) {
        Arrays.fill(c, 0, m * n, 0.0);
        product(a, false, b, true, c, m, k, n);
    }

    @Override
    public void mult(float[] a, float[] b, float[] c, int m, int k, int n) {
        Arrays.fill(c, 0, m * n, 0f);
        product(a, false, b, false, c, m, k, n);
    }

    @Override
    public void multAdd(float[] a, float[] b, float[] c, int m, int k, int n) {
        product(a, false, b, false, c, m, k, n);
    }

    @Override
    public void multTransBAdd(float[] a, float[] b, float[] c, int m, int k, int n) {
        product(a, false, b, true, c, m, k, n);
    }

    @Override
    public void multTransA(float[] a, float[] b, float[] c, int m, int k, int n) {
        Arrays.fill(c, 0, m * n, 0f);
        product(a, true, b, false, c, m, k, n);
    }

    @Override
    public void multTransB(float[] a, float[] b, float[] c, int m, int k, int n) {
        Arrays.fill(c, 0, m * n, 0f);
        product(a, false, b, true, c, m, k, n);
    }

    /**
     * {@code c[m×n] += op(a)·op(b)}, op(a) m×k (a stored k×m when {@code ta}), op(b) k×n (b stored
     * n×k when {@code tb}).
     */
    private static void product(double[] a, boolean ta, double[] b, boolean tb, double[] c, int m, int k, int n) {
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        Packs packs = PACKS.get();
        for (int j0 = 0; j0 < n; j0 += NC) {
            int nc = Math.min(NC, n - j0);
            int strips = (nc + NR - 1) / NR;
            for (int p0 = 0; p0 < k; p0 += KC) {
                int kc = Math.min(KC, k - p0);
                if (packs.b.length < strips * kc * NR) {
                    packs.b = new double[strips * KC * NR];
                }
                double[] pb = packs.b;
                packB(b, tb, k, n, p0, kc, j0, nc, pb);
                double[] pa = packs.a;
                for (int i0 = 0; i0 < m; i0 += MR) {
                    int mr = Math.min(MR, m - i0);
                    packA(a, ta, m, k, i0, mr, p0, kc, pa);
                    for (int s = 0; s < strips; s++) {
                        int col = j0 + s * NR;
                        tile(pa, pb, s * kc * NR, kc, c, i0, mr, col, Math.min(NR, n - col), n);
                    }
                }
            }
        }
    }

    /** B's rows p0..p0+kc, columns j0..j0+nc, as strips of NR columns, each kc × NR row-major, zero-padded. */
    private static void packB(double[] b, boolean tb, int k, int n, int p0, int kc, int j0, int nc, double[] pb) {
        int strips = (nc + NR - 1) / NR;
        for (int s = 0; s < strips; s++) {
            int base = s * kc * NR, col = j0 + s * NR, w = Math.min(NR, j0 + nc - col);
            for (int p = 0; p < kc; p++) {
                int at = base + p * NR;
                if (tb) {
                    // b stored n×k: B(p, j) = b[j·k + p]
                    for (int jj = 0; jj < w; jj++) {
                        pb[at + jj] = b[(col + jj) * k + p0 + p];
                    }
                } else {
                    System.arraycopy(b, (p0 + p) * n + col, pb, at, w);
                }
                for (int jj = w; jj < NR; jj++) {
                    pb[at + jj] = 0.0;
                }
            }
        }
    }

    /** A's rows i0..i0+mr, columns p0..p0+kc, interleaved by depth (pa[p·MR + r]), zero-padded to MR rows. */
    private static void packA(double[] a, boolean ta, int m, int k, int i0, int mr, int p0, int kc, double[] pa) {
        for (int p = 0; p < kc; p++) {
            int at = p * MR;
            for (int r = 0; r < MR; r++) {
                // a stored k×m when transposed: A(i, p) = a[p·m + i]
                pa[at + r] = r >= mr ? 0.0 : ta ? a[(p0 + p) * m + i0 + r] : a[(i0 + r) * k + p0 + p];
            }
        }
    }

    /** Adds the MR × NR tile A(i0.., panel) · B(panel, col..) into c, of which mr rows and w columns exist. */
    private static void tile(double[] pa, double[] pb, int base, int kc, double[] c, int i0, int mr, int col, int w, int n) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bp = base + p * NR, ap = p * MR;
            DoubleVector b0 = DoubleVector.fromArray(S, pb, bp), b1 = DoubleVector.fromArray(S, pb, bp + L);
            DoubleVector a0 = DoubleVector.broadcast(S, pa[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, pa[ap + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, pa[ap + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, pa[ap + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        store(c00, c01, c, i0, col, w, n);
        if (mr > 1) {
            store(c10, c11, c, i0 + 1, col, w, n);
        }
        if (mr > 2) {
            store(c20, c21, c, i0 + 2, col, w, n);
        }
        if (mr > 3) {
            store(c30, c31, c, i0 + 3, col, w, n);
        }
    }

    /** Adds one tile row (two vectors, of which w columns exist) into c's row {@code row}. */
    private static void store(DoubleVector v0, DoubleVector v1, double[] c, int row, int col, int w, int n) {
        int at = row * n + col;
        if (w == NR) {
            DoubleVector.fromArray(S, c, at).add(v0).intoArray(c, at);
            DoubleVector.fromArray(S, c, at + L).add(v1).intoArray(c, at + L);
            return;
        }
        double[] t = new double[NR];
        v0.intoArray(t, 0);
        v1.intoArray(t, L);
        for (int j = 0; j < w; j++) {
            c[at + j] += t[j];
        }
    }

    // ---------------------------------------------------------------- float32: the same, FloatVector

    /** {@link #product(double[], boolean, double[], boolean, double[], int, int, int)} in float32. */
    private static void product(float[] a, boolean ta, float[] b, boolean tb, float[] c, int m, int k, int n) {
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        Packs packs = PACKS.get();
        for (int j0 = 0; j0 < n; j0 += NC) {
            int nc = Math.min(NC, n - j0);
            int strips = (nc + FNR - 1) / FNR;
            for (int p0 = 0; p0 < k; p0 += KC) {
                int kc = Math.min(KC, k - p0);
                if (packs.fb.length < strips * kc * FNR) {
                    packs.fb = new float[strips * KC * FNR];
                }
                float[] pb = packs.fb;
                packB(b, tb, k, n, p0, kc, j0, nc, pb);
                float[] pa = packs.fa;
                for (int i0 = 0; i0 < m; i0 += MR) {
                    int mr = Math.min(MR, m - i0);
                    packA(a, ta, m, k, i0, mr, p0, kc, pa);
                    for (int s = 0; s < strips; s++) {
                        int col = j0 + s * FNR;
                        tile(pa, pb, s * kc * FNR, kc, c, i0, mr, col, Math.min(FNR, n - col), n);
                    }
                }
            }
        }
    }

    /** {@link #packB(double[], boolean, int, int, int, int, int, int, double[])} in float32 (strips of FNR columns). */
    private static void packB(float[] b, boolean tb, int k, int n, int p0, int kc, int j0, int nc, float[] pb) {
        int strips = (nc + FNR - 1) / FNR;
        for (int s = 0; s < strips; s++) {
            int base = s * kc * FNR, col = j0 + s * FNR, w = Math.min(FNR, j0 + nc - col);
            for (int p = 0; p < kc; p++) {
                int at = base + p * FNR;
                if (tb) {
                    for (int jj = 0; jj < w; jj++) {
                        pb[at + jj] = b[(col + jj) * k + p0 + p];
                    }
                } else {
                    System.arraycopy(b, (p0 + p) * n + col, pb, at, w);
                }
                for (int jj = w; jj < FNR; jj++) {
                    pb[at + jj] = 0f;
                }
            }
        }
    }

    /** {@link #packA(double[], boolean, int, int, int, int, int, int, double[])} in float32. */
    private static void packA(float[] a, boolean ta, int m, int k, int i0, int mr, int p0, int kc, float[] pa) {
        for (int p = 0; p < kc; p++) {
            int at = p * MR;
            for (int r = 0; r < MR; r++) {
                pa[at + r] = r >= mr ? 0f : ta ? a[(p0 + p) * m + i0 + r] : a[(i0 + r) * k + p0 + p];
            }
        }
    }

    /** {@link #tile(double[], double[], int, int, double[], int, int, int, int, int)} in float32: MR × FNR. */
    private static void tile(float[] pa, float[] pb, int base, int kc, float[] c, int i0, int mr, int col, int w, int n) {
        FloatVector c00 = FloatVector.zero(FS), c01 = FloatVector.zero(FS);
        FloatVector c10 = FloatVector.zero(FS), c11 = FloatVector.zero(FS);
        FloatVector c20 = FloatVector.zero(FS), c21 = FloatVector.zero(FS);
        FloatVector c30 = FloatVector.zero(FS), c31 = FloatVector.zero(FS);
        for (int p = 0; p < kc; p++) {
            int bp = base + p * FNR, ap = p * MR;
            FloatVector b0 = FloatVector.fromArray(FS, pb, bp), b1 = FloatVector.fromArray(FS, pb, bp + FL);
            FloatVector a0 = FloatVector.broadcast(FS, pa[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(FS, pa[ap + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(FS, pa[ap + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(FS, pa[ap + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        store(c00, c01, c, i0, col, w, n);
        if (mr > 1) {
            store(c10, c11, c, i0 + 1, col, w, n);
        }
        if (mr > 2) {
            store(c20, c21, c, i0 + 2, col, w, n);
        }
        if (mr > 3) {
            store(c30, c31, c, i0 + 3, col, w, n);
        }
    }

    /** {@link #store(DoubleVector, DoubleVector, double[], int, int, int, int)} in float32. */
    private static void store(FloatVector v0, FloatVector v1, float[] c, int row, int col, int w, int n) {
        int at = row * n + col;
        if (w == FNR) {
            FloatVector.fromArray(FS, c, at).add(v0).intoArray(c, at);
            FloatVector.fromArray(FS, c, at + FL).add(v1).intoArray(c, at + FL);
            return;
        }
        float[] t = new float[FNR];
        v0.intoArray(t, 0);
        v1.intoArray(t, FL);
        for (int j = 0; j < w; j++) {
            c[at + j] += t[j];
        }
    }
}
