package dev.chainrule.autograd;

import dev.chainrule.autograd.kernel.AffineKernels;
import dev.chainrule.autograd.kernel.Kernels;
import dev.chainrule.autograd.kernel.MatMul;
import java.util.Arrays;
import java.util.Objects;

/**
 * The linear layer's op, {@code x @ w + b}, optionally followed by relu, as one node: the
 * result is preloaded with the bias rows and the kernel adds the product into it
 * ({@code multAdd}, BLAS's beta = 1), and relu runs in place on that fresh array. A layer
 * then allocates one array and records one node instead of two or three. x is [..., in]
 * (leading axes are flattened into the rows of one product: x is contiguous, so that is a
 * view), w [in, out], b [out]; the result is [..., out].
 */
final class AffineOps {
    private AffineOps() {
    }

    /** {@code x @ w + b}. */
    static Tensor affine(Tensor x, Tensor w, Tensor b) {
        return forward("affine", x, w, b, false);
    }

    /** {@code relu(x @ w + b)}. */
    static Tensor affineRelu(Tensor x, Tensor w, Tensor b) {
        return forward("affineRelu", x, w, b, true);
    }

    private static Tensor forward(String op, Tensor x, Tensor w, Tensor b, boolean relu) {
        Objects.requireNonNull(w, () -> op + ": the weight is null");
        Objects.requireNonNull(b, () -> op + ": the bias is null");
        int rx = x.shape.length;
        if (rx == 0 || w.shape.length != 2 || b.shape.length != 1) {
            throw new IllegalArgumentException(describe(op, x, w, b) + ": expected x [..., in] (at least 1 dimension), "
                    + "w [in, out] and b [out]");
        }
        int in = w.shape[0], n = w.shape[1];
        if (x.shape[rx - 1] != in || b.shape[0] != n) {
            throw new IllegalArgumentException(describe(op, x, w, b) + ": expected x to end in " + in
                    + " features and b of shape [" + n + "]");
        }
        int rows = ShapeOps.outer(x.shape, rx - 1);
        int[] shape = Arrays.copyOf(x.shape, rx);
        shape[rx - 1] = n;
        int readsXAndW = 0b011; // the bias's gradient is the summed output gradient: b is never read
        if (x.dtype() == DType.F32 && w.dtype() == DType.F32 && b.dtype() == DType.F32) {
            float[] out = new float[Shapes.size(op, shape)];
            float[] bias = b.floats();
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bias, 0, out, r * n, n);
            }
            MatMul.kernel().multAdd(x.floats(), w.floats(), out, rows, in, n);
            if (relu) {
                AffineKernels.reluInPlace(out);
            }
            return Tensor.make(op, out, shape, readsXAndW, rule(op, x, w, b, rows, relu ? out : null), x, w, b);
        }
        double[] out = new double[Shapes.size(op, shape)];
        double[] bias = b.doubles();
        for (int r = 0; r < rows; r++) {
            System.arraycopy(bias, 0, out, r * n, n);
        }
        MatMul.kernel().multAdd(x.doubles(), w.doubles(), out, rows, in, n);
        if (relu) {
            AffineKernels.reluInPlace(out);
        }
        return Tensor.make(op, out, shape, readsXAndW, rule(op, x, w, b, rows, relu ? out : null), x, w, b);
    }

    private static String describe(String op, Tensor x, Tensor w, Tensor b) {
        return op + ": x " + Arrays.toString(x.shape) + " @ w " + Arrays.toString(w.shape) + " + b "
                + Arrays.toString(b.shape);
    }

    /**
     * With Y = X·W + 1·bᵀ (X the rows of x): dX = G·Wᵀ, dW = Xᵀ·G, db = the column sums of G,
     * written with the product primitives and sumTo so the rule differentiates again. After
     * relu, G is first masked to 0 where the output is +0 (relu(z) &le; 0 exactly when
     * z &le; 0, and a NaN output lets the gradient through, as relu does, so the output is
     * the mask); a first-order pass (grad mode off) masks in one fused loop, as relu does.
     */
    private static Tensor.Rule rule(String op, Tensor x, Tensor w, Tensor b, int rows, Object reluOut) {
        boolean dx = x.requiresGrad, dw = w.requiresGrad, db = b.requiresGrad;
        int in = w.shape[0], n = w.shape[1];
        boolean matrix = x.shape.length == 2;
        return g -> {
            Tensor gz = g;
            if (reluOut != null) {
                if (reluOut instanceof float[] out32) {
                    gz = GradMode.isEnabled()
                            ? g.mul(Tensor.make(op, AffineKernels.reluMask(out32), g.shape, Node.READS_NONE, null))
                            : Tensor.make(op, AffineKernels.reluBackwardFromOutput(g.floats(), out32), g.shape,
                                    Node.READS_NONE, null);
                } else if (GradMode.isEnabled()) {
                    gz = g.mul(Elementwise.constant(op, Kernels.reluMask((double[]) reluOut), g.shape));
                } else {
                    gz = Elementwise.constant(op, AffineKernels.reluBackwardFromOutput(g.doubles(), (double[]) reluOut),
                            g.shape);
                }
            }
            Tensor g2 = matrix ? gz : ShapeOps.view(gz, new int[] {rows, n});
            Tensor gx = null;
            if (dx) {
                gx = MatMulOps.matmulTransB(g2, w);
                gx = matrix ? gx : ShapeOps.view(gx, x.shape);
            }
            Tensor gw = dw ? MatMulOps.matmulTransA(matrix ? x : ShapeOps.view(x, new int[] {rows, in}), g2) : null;
            return new Tensor[] {gx, gw, db ? g2.sumTo(n) : null};
        };
    }
}
