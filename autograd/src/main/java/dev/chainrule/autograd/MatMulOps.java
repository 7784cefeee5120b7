package dev.chainrule.autograd;

import dev.chainrule.autograd.kernel.BatchedMatMul;
import dev.chainrule.autograd.kernel.BatchedMatMul.Mode;
import dev.chainrule.autograd.kernel.MatMul;
import java.util.Arrays;
import java.util.Objects;

/**
 * Op table for matrix products, with NumPy's {@code matmul} semantics. Three primitives,
 * {@code A·B}, {@code Aᵀ·B} and {@code A·Bᵀ} (transposes read in place by the kernel, never
 * materialised), each with batch dimensions broadcast; their derivative rules are written
 * with the same three, so the set is closed under differentiation and the backward pass runs
 * the kernel's {@code multTransA}/{@code multTransB} directly. 1-D operands are lifted to
 * matrices by views and the added axis is dropped from the result, as NumPy does.
 */
final class MatMulOps {
    private MatMulOps() {
    }

    /** NumPy {@code a @ b}. */
    static Tensor matmul(Tensor a, Tensor b) {
        Objects.requireNonNull(b, "matmul: the other operand is null");
        int ra = a.shape.length, rb = b.shape.length;
        if (ra == 0 || rb == 0) {
            throw new IllegalArgumentException("matmul: " + Arrays.toString(a.shape) + " @ " + Arrays.toString(b.shape)
                    + ": both operands need at least 1 dimension (use mul for scalars)");
        }
        int ka = a.shape[ra - 1], kb = b.shape[rb == 1 ? 0 : rb - 2];
        if (ka != kb) {
            throw new IllegalArgumentException("matmul: " + Arrays.toString(a.shape) + " @ " + Arrays.toString(b.shape)
                    + ": inner dimensions " + ka + " and " + kb + " differ");
        }
        if (ra > 2 || rb > 2) {
            int[] ba = Arrays.copyOf(a.shape, Math.max(0, ra - 2)), bb = Arrays.copyOf(b.shape, Math.max(0, rb - 2));
            batchShape("matmul", a.shape, b.shape, ba, bb);
        }
        Tensor a2 = ra == 1 ? ShapeOps.unsqueeze(a, 0) : a;
        Tensor b2 = rb == 1 ? ShapeOps.unsqueeze(b, 1) : b;
        Tensor c = product(Mode.MULT, a2, b2);
        if (rb == 1) {
            c = ShapeOps.squeeze(c, -1);
        }
        if (ra == 1) {
            c = ShapeOps.squeeze(c, -2 + (rb == 1 ? 1 : 0));
        }
        return c;
    }

    /** {@code aᵀ·b} on the last two axes, {@code a} stored [..., k, m], {@code b} [..., k, n]. */
    static Tensor matmulTransA(Tensor a, Tensor b) {
        return product(Mode.TRANS_A, a, b);
    }

    /** {@code a·bᵀ} on the last two axes, {@code a} stored [..., m, k], {@code b} [..., n, k]. */
    static Tensor matmulTransB(Tensor a, Tensor b) {
        return product(Mode.TRANS_B, a, b);
    }

    /** One of the three primitives on operands of rank ≥ 2 with broadcast batch axes. */
    private static Tensor product(Mode mode, Tensor a, Tensor b) {
        String op = opName(mode);
        int ra = a.shape.length, rb = b.shape.length;
        if (ra < 2 || rb < 2) {
            throw new IllegalArgumentException(op + ": " + Arrays.toString(a.shape) + " , " + Arrays.toString(b.shape)
                    + ": both operands need at least 2 dimensions");
        }
        int m = mode == Mode.TRANS_A ? a.shape[ra - 1] : a.shape[ra - 2];
        int ka = mode == Mode.TRANS_A ? a.shape[ra - 2] : a.shape[ra - 1];
        int kb = mode == Mode.TRANS_B ? b.shape[rb - 1] : b.shape[rb - 2];
        int n = mode == Mode.TRANS_B ? b.shape[rb - 2] : b.shape[rb - 1];
        if (ka != kb) {
            throw new IllegalArgumentException(op + ": " + Arrays.toString(a.shape) + " , " + Arrays.toString(b.shape)
                    + ": inner dimensions " + ka + " and " + kb + " differ");
        }
        int[] ba = Arrays.copyOf(a.shape, ra - 2), bb = Arrays.copyOf(b.shape, rb - 2);
        int[] batch = batchShape(op, a.shape, b.shape, ba, bb);
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = m;
        shape[batch.length + 1] = n;
        int[] sa = Shapes.broadcastStrides(ba, batch), sb = Shapes.broadcastStrides(bb, batch);
        if (a.dtype() == DType.F32 && b.dtype() == DType.F32) { // sgemm; mixed types promote to float64
            float[] out = new float[Shapes.size(op, shape)];
            BatchedMatMul.run(MatMul.kernel(), mode, a.floats(), sa, b.floats(), sb, batch, m, ka, n, out);
            return Tensor.make(op, out, shape, Node.READS_ALL, rule(mode, a, b), a, b);
        }
        double[] out = new double[Shapes.size(op, shape)];
        BatchedMatMul.run(MatMul.kernel(), mode, a.doubles(), sa, b.doubles(), sb, batch, m, ka, n, out);
        return Tensor.make(op, out, shape, rule(mode, a, b), a, b);
    }

    /**
     * The derivative rules. With C = A·B: dA = G·Bᵀ, dB = Aᵀ·G; with C = Aᵀ·B: dA = B·Gᵀ,
     * dB = A·G; with C = A·Bᵀ: dA = G·B, dB = Gᵀ·A. Gradients come out in the broadcast batch
     * shape and {@link Tensor} sums them back to each operand's shape.
     */
    private static Tensor.Rule rule(Mode mode, Tensor a, Tensor b) {
        // an operand that wants no gradient (data, a frozen weight) costs no product
        boolean da = a.requiresGrad, db = b.requiresGrad;
        return switch (mode) {
            case MULT -> g -> new Tensor[] {
                da ? matmulTransB(g, b) : null, db ? multTransAFolded(a, g, b) : null};
            case TRANS_A -> g -> new Tensor[] {
                da ? matmulTransB(b, g) : null, db ? product(Mode.MULT, a, g) : null};
            case TRANS_B -> g -> new Tensor[] {
                da ? product(Mode.MULT, g, b) : null, db ? matmulTransA(g, a) : null};
        };
    }

    /**
     * dB = Aᵀ·G for C = A·B. When a stack of A's multiplies one matrix B, the batch sum
     * Σ A_iᵀ·G_i is a single product of the stacks seen as tall matrices, so no batch of
     * partial products is formed and summed afterwards.
     */
    private static Tensor multTransAFolded(Tensor a, Tensor g, Tensor b) {
        int ra = a.shape.length;
        if (b.shape.length == 2 && ra > 2 && Arrays.equals(Arrays.copyOf(a.shape, ra - 2), Arrays.copyOf(g.shape, ra - 2))) {
            int k = a.shape[ra - 1], n = g.shape[g.shape.length - 1];
            // the row count is spelled out: with k or n = 0, a -1 could not be inferred
            int rows = ShapeOps.outer(a.shape, ra - 1);
            return matmulTransA(ShapeOps.view(a, new int[] {rows, k}), ShapeOps.view(g, new int[] {rows, n}));
        }
        return matmulTransA(a, g);
    }

    /** The broadcast of two batch shapes, or an error naming the op and both full shapes. */
    private static int[] batchShape(String op, int[] a, int[] b, int[] ba, int[] bb) {
        try {
            return Shapes.broadcast(op, ba, bb);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + Arrays.toString(a) + " @ " + Arrays.toString(b)
                    + ": batch dimensions " + Arrays.toString(ba) + " and " + Arrays.toString(bb)
                    + " cannot be broadcast (each pair must be equal or one of them 1)", e);
        }
    }

    private static String opName(Mode mode) {
        return switch (mode) {
            case MULT -> "matmul";
            case TRANS_A -> "matmulTransA";
            case TRANS_B -> "matmulTransB";
        };
    }
}
