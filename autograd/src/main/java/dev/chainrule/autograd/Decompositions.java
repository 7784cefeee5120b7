package dev.chainrule.autograd;

import static dev.chainrule.autograd.Linalg.mT;

import dev.chainrule.autograd.kernel.DecompositionKernels;
import dev.chainrule.autograd.kernel.LinalgKernels;
import java.util.Arrays;
import java.util.Objects;

/**
 * The op table behind {@link Linalg}'s decompositions (eigh, svd, qr), pinv and the matrix
 * norms: each forward (an EJML kernel) beside its derivative rule, written with tensor ops
 * so second derivatives work.
 *
 * <p>A decomposition with several factors is one node whose data packs the factors of each
 * matrix one after another; the factors handed out are slices of it. Its rule therefore sees
 * the gradients of all factors at once (zeros for factors the loss does not use), as
 * PyTorch's {@code svd_backward} does, which is what lets a loss invariant to the choice of
 * basis in a repeated eigenspace through.
 *
 * <p>Repeated values: a pair of eigenvalues (singular values) closer than {@link #REPEATED}
 * times the largest in magnitude counts as repeated. The rules divide by their difference; for
 * a repeated pair the term is taken as zero when its numerator is below {@link #INVARIANT}
 * times the gradient's scale (the loss does not depend on the basis chosen in that
 * eigenspace, e.g. it uses eigenvalues only, or a projector onto the whole eigenspace; for the
 * SVD, on the rotation shared by the pair's left and right singular vectors), and otherwise
 * the backward throws, naming the op, the matrix and the pair.
 */
final class Decompositions {
    private Decompositions() {
    }

    /** Relative gap below which two eigenvalues or singular values count as repeated. */
    static final double REPEATED = 1e-12;
    /** Relative size below which a numerator over a repeated pair counts as zero. */
    static final double INVARIANT = 1e-10;

    // ---------------------------------------------------------------- shapes

    /** Checks a batch of non-empty matrices [..., m, n]. */
    static void matrices(String op, Tensor a) {
        Objects.requireNonNull(a, () -> op + ": matrix is null");
        int r = a.shape.length;
        if (r < 2 || a.shape[r - 1] == 0 || a.shape[r - 2] == 0) {
            throw new IllegalArgumentException(op + ": expected non-empty matrices [..., m, n] but got shape "
                    + Arrays.toString(a.shape));
        }
    }

    /** The batch shape of A followed by {@code tail}. */
    static int[] batchShape(Tensor a, int... tail) {
        return batchShape(a.shape, tail);
    }

    /** The batch shape (all but the last two axes) followed by {@code tail}. */
    private static int[] batchShape(int[] shape, int... tail) {
        int r = shape.length - 2;
        int[] s = Arrays.copyOf(shape, r + tail.length);
        System.arraycopy(tail, 0, s, r, tail.length);
        return s;
    }

    private static int batch(Tensor a) {
        int b = 1;
        for (int i = 0; i < a.shape.length - 2; i++) {
            b *= a.shape[i];
        }
        return b;
    }

    private static String which(int batch, int b) {
        return batch == 1 ? "" : " (matrix " + b + " of the batch of " + batch + ")";
    }

    /** Factor {@code [from, from + m·n)} of a packed node, as [..., m, n]. */
    private static Tensor factor(Tensor packed, Tensor a, int from, int m, int n) {
        return packed.narrow(-1, from, m * n).view(batchShape(a, m, n));
    }

    /** d as the diagonal of a [..., k, k] matrix. */
    private static Tensor diagEmbed(Tensor d, int k) {
        return d.unsqueeze(-1).mul(Tensor.eye(k).to(d.dtype()));
    }

    /**
     * A constant [..., k, k] mask: 1 for pairs i ≠ j whose values differ (divide by the gap
     * v_j − v_i), 0 on the diagonal and for repeated pairs whose numerator vanishes; throws for
     * a repeated pair the loss depends on. With {@code plus} the divisor is v_j + v_i instead
     * (singular values: only a pair of zeros makes it vanish).
     *
     * @param values    k values per matrix (eigenvalues or singular values)
     * @param numerator the k×k numerators per matrix
     * @param scale     per matrix, the size a numerator is measured against
     */
    private static Tensor distinctPairs(String op, int[] shape, String what, double[] values, double[] numerator,
            double[] scale, int batch, int k, boolean plus) {
        double[] mask = new double[batch * k * k];
        for (int b = 0; b < batch; b++) {
            double big = 0;
            for (int i = 0; i < k; i++) {
                big = Math.max(big, Math.abs(values[b * k + i]));
            }
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    if (i == j) {
                        continue;
                    }
                    double vi = values[b * k + i], vj = values[b * k + j];
                    if (Math.abs(plus ? vi + vj : vi - vj) > REPEATED * big) {
                        mask[(b * k + i) * k + j] = 1;
                    } else if (Math.abs(numerator[(b * k + i) * k + j]) > INVARIANT * scale[b]) {
                        throw new ArithmeticException(op + " backward: matrix " + Arrays.toString(shape)
                                + which(batch, b) + " has " + (plus ? "zero " : "repeated ") + what + " " + vi
                                + " (index " + Math.min(i, j) + ") and " + vj + " (index " + Math.max(i, j)
                                + "), and the loss depends on the basis chosen for them; the gradient exists only "
                                + "for losses invariant to it (expected " + (plus ? "at most one zero" : "distinct")
                                + " " + what + ", to a relative " + REPEATED + ")");
                    }
                }
            }
        }
        return Tensor.constant(mask, batchShape(shape, k, k));
    }

    /** Per matrix of the batch, the largest |entry| of its block of {@code t}. */
    private static double[] maxAbs(Tensor t, int batch) {
        int block = batch == 0 ? 0 : t.size() / batch;
        double[] out = new double[batch];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < block; i++) {
                out[b] = Math.max(out[b], Math.abs(t.doubles()[b * block + i]));
            }
        }
        return out;
    }

    /** numerator ∘ mask / (gap + 1 − mask): the masked quotient, with no division by zero. */
    private static Tensor quotient(Tensor numerator, Tensor gap, Tensor mask) {
        return numerator.mul(mask).div(gap.add(mask.neg().add(1)));
    }

    // ---------------------------------------------------------------- eigh

    static Linalg.Eigh eigh(Tensor a) {
        matrices("eigh", a);
        int n = Linalg.square("eigh", a), batch = batch(a);
        double[] packed = DecompositionKernels.eigh(Arrays.toString(a.shape), a.doubles(), batch, n);
        Tensor[] out = new Tensor[2]; // L, V
        int[] shape = a.shape.clone();
        // A = V diag(L) Vᵀ: Ā = V (diag(L̄) + skew(VᵀV̄)/2 ∘ 1/(L_j − L_i)) Vᵀ, off-diagonal terms only
        // where L_i ≠ L_j (PyTorch's linalg_eig_backward, Hermitian case; Giles 2008 §3.1)
        Tensor node = Tensor.make("eigh", packed, batchShape(a, n + n * n), g -> {
            Tensor gl = g.narrow(-1, 0, n), gv = factor(g, a, n, n, n);
            Tensor l = out[0], v = out[1];
            Tensor vtg = mT(v).matmul(gv);
            Tensor skew = vtg.sub(mT(vtg)).mul(0.5);
            Tensor gap = l.unsqueeze(-2).sub(l.unsqueeze(-1));
            Tensor keep = distinctPairs("eigh", shape, "eigenvalues", l.doubles(), skew.doubles(), maxAbs(vtg, batch), batch, n,
                    false);
            Tensor inner = quotient(skew, gap, keep).add(diagEmbed(gl, n));
            return new Tensor[] {v.matmul(inner).matmul(mT(v))};
        }, a);
        out[0] = node.narrow(-1, 0, n);
        out[1] = factor(node, a, n, n, n);
        return new Linalg.Eigh(out[0], out[1]);
    }

    // ---------------------------------------------------------------- svd

    static Linalg.Svd svd(String op, Tensor a) {
        matrices(op, a);
        int m = a.shape[a.shape.length - 2], n = a.shape[a.shape.length - 1], k = Math.min(m, n), batch = batch(a);
        double[] packed = DecompositionKernels.svd(op, Arrays.toString(a.shape), a.doubles(), batch, m, n);
        Tensor[] out = new Tensor[3]; // U, S, Vh
        int[] shape = a.shape.clone();
        // PyTorch's svd_backward (real case; Townsend 2016): with X = skew(UᵀŪ), Y = skew(Vh V̄hᵀ),
        // skew(Z) = Z − Zᵀ,
        //   Ā = U [ (X S + S Y) ∘ 1/(S_l² − S_j²) + diag(S̄) ] Vh
        //       + (I − UUᵀ) Ū S⁻¹ Vh    (m > n)     + U S⁻¹ V̄h (I − VhᵀVh)   (m < n)
        // with the quotient split as ((X + Y) ∘ 1/(S_l − S_j) + (X − Y) ∘ 1/(S_l + S_j)) / 2: only the
        // first part is singular at a repeated value, and X + Y vanishes there for a loss that does not
        // depend on the rotation shared by the pair's left and right singular vectors.
        Tensor node = Tensor.make(op, packed, batchShape(a, m * k + k + k * n), g -> {
            Tensor gu = factor(g, a, 0, m, k), gs = g.narrow(-1, m * k, k), gvh = factor(g, a, m * k + k, k, n);
            Tensor u = out[0], s = out[1], vh = out[2];
            Tensor utg = mT(u).matmul(gu), vtg = vh.matmul(mT(gvh));
            Tensor x = utg.sub(mT(utg)), y = vtg.sub(mT(vtg));
            Tensor sum = x.add(y), diff = x.sub(y);
            double[] scale = maxAbs(utg, batch), sv = maxAbs(vtg, batch);
            for (int b = 0; b < batch; b++) {
                scale[b] += sv[b];
            }
            Tensor minus = distinctPairs(op, shape, "singular values", s.doubles(), sum.doubles(), scale, batch, k, false);
            Tensor plus = distinctPairs(op, shape, "singular values", s.doubles(), diff.doubles(), scale, batch, k, true);
            Tensor core = quotient(sum, s.unsqueeze(-2).sub(s.unsqueeze(-1)), minus)
                    .add(quotient(diff, s.unsqueeze(-2).add(s.unsqueeze(-1)), plus)).mul(0.5)
                    .add(diagEmbed(gs, k));
            if (m > n) {
                Tensor off = gu.sub(u.matmul(utg)); // (I − UUᵀ) Ū
                Tensor inv = nonzero(op, shape, s, off.doubles(), maxAbs(gu, batch), batch, m, k, true);
                return new Tensor[] {u.matmul(core).add(off.mul(inv.unsqueeze(-2))).matmul(vh)};
            }
            if (m < n) {
                Tensor off = gvh.sub(gvh.matmul(mT(vh)).matmul(vh)); // V̄h (I − VhᵀVh)
                Tensor inv = nonzero(op, shape, s, off.doubles(), maxAbs(gvh, batch), batch, k, n, false);
                return new Tensor[] {u.matmul(core.matmul(vh).add(off.mul(inv.unsqueeze(-1))))};
            }
            return new Tensor[] {u.matmul(core).matmul(vh)};
        }, a);
        out[0] = factor(node, a, 0, m, k);
        out[1] = node.narrow(-1, m * k, k);
        out[2] = factor(node, a, m * k + k, k, n);
        return new Linalg.Svd(out[0], out[1], out[2]);
    }

    /**
     * 1/S as a graph tensor, with 0 where S is (relatively) zero and the term it divides
     * vanishes there; throws for a rank-deficient rectangular matrix whose loss needs it.
     *
     * @param off the term divided by S: columns (byColumn) or rows of an r×c block per matrix
     */
    private static Tensor nonzero(String op, int[] shape, Tensor s, double[] off, double[] scale, int batch, int r,
            int c, boolean byColumn) {
        int k = byColumn ? c : r;
        double[] mask = new double[batch * k];
        for (int b = 0; b < batch; b++) {
            double big = s.doubles()[b * k]; // descending
            for (int j = 0; j < k; j++) {
                if (s.doubles()[b * k + j] > REPEATED * big) {
                    mask[b * k + j] = 1;
                    continue;
                }
                for (int i = 0; i < (byColumn ? r : c); i++) {
                    double x = off[b * r * c + (byColumn ? i * c + j : j * c + i)];
                    if (Math.abs(x) > INVARIANT * scale[b]) {
                        throw new ArithmeticException(op + " backward: matrix " + Arrays.toString(shape)
                                + which(batch, b) + " is rank deficient (singular value " + j + " is "
                                + s.doubles()[b * k + j] + "), and the loss depends on the singular vectors "
                                + (byColumn ? "U" : "Vh") + " outside its range (expected full rank for a "
                                + (byColumn ? "tall" : "wide") + " matrix)");
                    }
                }
            }
        }
        Tensor keep = Tensor.constant(mask, s.shape.clone());
        return keep.div(s.add(keep.neg().add(1)));
    }

    // ---------------------------------------------------------------- qr

    static Linalg.Qr qr(Tensor a) {
        matrices("qr", a);
        int m = a.shape[a.shape.length - 2], n = a.shape[a.shape.length - 1], k = Math.min(m, n), batch = batch(a);
        double[] packed = DecompositionKernels.qr(Arrays.toString(a.shape), a.doubles(), batch, m, n);
        Tensor[] out = new Tensor[2]; // Q, R
        int[] shape = a.shape.clone();
        // PyTorch's linalg_qr_backward (reduced): M = R̄ Rᵀ − Qᵀ Q̄;
        //   m ≥ n: Ā = (Q copyltu(M) + Q̄) R⁻ᵀ, copyltu(M) the symmetric matrix from M's upper triangle
        //   m < n: Ā = [Q tril(Mᵀ − M) R₁⁻ᵀ, 0] + Q R̄, R₁ the leading m×m block of R
        // R⁻ᵀ by a triangular solve; R must have a nonzero diagonal (A of full rank).
        Tensor node = Tensor.make("qr", packed, batchShape(a, m * k + k * n), g -> {
            Tensor gq = factor(g, a, 0, m, k), gr = factor(g, a, m * k, k, n);
            Tensor q = out[0], r = out[1];
            Tensor mm = gr.matmul(mT(r)).sub(mT(q).matmul(gq));
            Tensor r1 = m >= n ? r : r.narrow(-1, 0, m);
            fullRank(shape, r1.doubles(), batch, k);
            if (m >= n) {
                Tensor half = mm.mul(Linalg.triangleMask(k, true, 0.5));
                Tensor x = q.matmul(half.add(mT(half))).add(gq);
                return new Tensor[] {mT(Linalg.solveTriangular("qr backward", r1, mT(x), true))};
            }
            Tensor y = mT(mm).sub(mm).mul(Linalg.triangleMask(k, false, 0));
            Tensor lead = mT(Linalg.solveTriangular("qr backward", r1, mT(q.matmul(y)), true));
            Tensor ga = Tensor.concat(-1, lead, Tensor.zeros(batchShape(a, m, n - m)));
            return new Tensor[] {ga.add(q.matmul(gr))};
        }, a);
        out[0] = factor(node, a, 0, m, k);
        out[1] = factor(node, a, m * k, k, n);
        return new Linalg.Qr(out[0], out[1]);
    }

    /** Refuses a backward through a rank-deficient QR: a diagonal entry of R₁ (k×k per matrix, nonnegative) relatively zero. */
    private static void fullRank(int[] shape, double[] r, int batch, int k) {
        for (int b = 0; b < batch; b++) {
            double big = 0;
            for (int i = 0; i < k; i++) {
                big = Math.max(big, r[(b * k + i) * k + i]);
            }
            for (int i = 0; i < k; i++) {
                double d = r[(b * k + i) * k + i];
                if (!(d > REPEATED * big)) {
                    throw new ArithmeticException("qr backward: matrix " + Arrays.toString(shape) + which(batch, b)
                            + " is rank deficient (R[" + i + "][" + i + "] = " + d
                            + "); the QR gradient needs full rank min(m, n)");
                }
            }
        }
    }

    // ---------------------------------------------------------------- pinv

    static Tensor pinv(Tensor a) {
        matrices("pinv", a);
        int m = a.shape[a.shape.length - 2], n = a.shape[a.shape.length - 1];
        double[] p = DecompositionKernels.pinv(Arrays.toString(a.shape), a.doubles(), batch(a), m, n);
        Tensor[] out = new Tensor[1];
        // Golub & Pereyra 1973 (PyTorch's pinv_backward), valid where the rank is locally constant:
        //   Ā = −Pᵀ Ḡ Pᵀ + (I − A P) Ḡᵀ P Pᵀ + Pᵀ P Ḡᵀ (I − P A),  P = A⁺
        out[0] = Tensor.make("pinv", p, batchShape(a, n, m), g -> {
            Tensor pv = out[0], pt = mT(pv), gt = mT(g);
            Tensor left = gt.matmul(pv).matmul(pt), right = pt.matmul(pv).matmul(gt);
            Tensor ga = pt.matmul(g).matmul(pt).neg()
                    .add(left.sub(a.matmul(pv.matmul(left))))
                    .add(right.sub(right.matmul(pv).matmul(a)));
            return new Tensor[] {ga};
        }, a);
        return out[0];
    }

    // ---------------------------------------------------------------- norms

    static Tensor matrixNorm(Tensor a, String ord) {
        Objects.requireNonNull(ord, "matrixNorm: ord is null (expected \"fro\" or \"nuc\")");
        switch (ord) {
            case "fro":
                return frobenius(a);
            case "nuc":
                return svd("matrixNorm", a).s().sum(-1);
            default:
                throw new IllegalArgumentException("matrixNorm: unknown ord \"" + ord + "\" (expected \"fro\" or \"nuc\")");
        }
    }

    private static Tensor frobenius(Tensor a) {
        matrices("matrixNorm", a);
        int r = a.shape.length, mn = a.shape[r - 1] * a.shape[r - 2];
        double[] nrm = LinalgKernels.frobenius(a.doubles(), batch(a), mn);
        Tensor[] out = new Tensor[1];
        // d‖A‖ = ⟨A, dA⟩ / ‖A‖; at A = 0 the subgradient 0, as PyTorch
        out[0] = Tensor.make("matrixNorm", nrm, batchShape(a), g -> {
            Tensor zero = out[0].eq(0);
            Tensor scale = g.mul(zero.neg().add(1)).div(out[0].add(zero));
            return new Tensor[] {a.mul(scale.unsqueeze(-1).unsqueeze(-1))};
        }, a);
        return out[0];
    }
}
