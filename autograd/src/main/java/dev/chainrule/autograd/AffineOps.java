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
 * view), w [in, out] ({@code affine}) or [out, in] ({@code linear}, PyTorch's
 * {@code F.linear}: the kernel reads w transposed in place, {@code multTransBAdd}), b [out];
 * the result is [..., out].
 */
final class AffineOps {
    private AffineOps() {
    }

    /** {@code x @ w + b}, w [in, out]. */
    static Tensor affine(Tensor x, Tensor w, Tensor b) {
        Objects.requireNonNull(b, "affine: the bias is null");
        return forward("affine", x, w, b, false, false);
    }

    /** {@code relu(x @ w + b)}, w [in, out]. */
    static Tensor affineRelu(Tensor x, Tensor w, Tensor b) {
        Objects.requireNonNull(b, "affineRelu: the bias is null");
        return forward("affineRelu", x, w, b, true, false);
    }

    /** {@code x @ wᵀ + b}, w [out, in]. */
    static Tensor linear(Tensor x, Tensor w, Tensor b) {
        Objects.requireNonNull(b, "linear: the bias is null (x.linear(w) is the layer without one)");
        return forward("linear", x, w, b, false, true);
    }

    /** {@code x @ wᵀ}, w [out, in]: a layer without bias. */
    static Tensor linear(Tensor x, Tensor w) {
        return forward("linear", x, w, null, false, true);
    }

    /** {@code relu(x @ wᵀ + b)}, w [out, in]. */
    static Tensor linearRelu(Tensor x, Tensor w, Tensor b) {
        Objects.requireNonNull(b, "linearRelu: the bias is null");
        return forward("linearRelu", x, w, b, true, true);
    }

    /** {@code outIn}: w is stored [out, in] and read transposed. A null b (linear only) means no bias. */
    private static Tensor forward(String op, Tensor x, Tensor w, Tensor b, boolean relu, boolean outIn) {
        Objects.requireNonNull(w, () -> op + ": the weight is null");
        int rx = x.shape.length;
        String layout = outIn ? "w [out, in]" : "w [in, out]";
        if (rx == 0 || w.shape.length != 2 || (b != null && b.shape.length != 1)) {
            throw new IllegalArgumentException(describe(op, x, w, b, outIn) + ": expected x [..., in] (at least 1 dimension), "
                    + layout + (b == null ? "" : " and b [out]"));
        }
        int in = outIn ? w.shape[1] : w.shape[0], n = outIn ? w.shape[0] : w.shape[1];
        if (x.shape[rx - 1] != in || (b != null && b.shape[0] != n)) {
            throw new IllegalArgumentException(describe(op, x, w, b, outIn) + ": expected x to end in " + in + " features"
                    + " (" + layout + ")" + (b == null ? "" : " and b of shape [" + n + "]"));
        }
        int rows = ShapeOps.outer(x.shape, rx - 1);
        int[] shape = Arrays.copyOf(x.shape, rx);
        shape[rx - 1] = n;
        int readsXAndW = 0b011; // the bias's gradient is the summed output gradient: b is never read
        boolean f32 = x.dtype() == DType.F32 && w.dtype() == DType.F32 && (b == null || b.dtype() == DType.F32);
        Object out;
        if (f32) {
            float[] o = new float[Shapes.size(op, shape)];
            if (b != null) {
                float[] bias = b.floats();
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(bias, 0, o, r * n, n);
                }
            }
            if (outIn && b == null) {
                MatMul.kernel().multTransB(x.floats(), w.floats(), o, rows, in, n);
            } else if (outIn) {
                MatMul.kernel().multTransBAdd(x.floats(), w.floats(), o, rows, in, n);
            } else {
                MatMul.kernel().multAdd(x.floats(), w.floats(), o, rows, in, n);
            }
            if (relu) {
                AffineKernels.reluInPlace(o);
            }
            out = o;
        } else {
            double[] o = new double[Shapes.size(op, shape)];
            if (b != null) {
                double[] bias = b.doubles();
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(bias, 0, o, r * n, n);
                }
            }
            if (outIn && b == null) {
                MatMul.kernel().multTransB(x.doubles(), w.doubles(), o, rows, in, n);
            } else if (outIn) {
                MatMul.kernel().multTransBAdd(x.doubles(), w.doubles(), o, rows, in, n);
            } else {
                MatMul.kernel().multAdd(x.doubles(), w.doubles(), o, rows, in, n);
            }
            if (relu) {
                AffineKernels.reluInPlace(o);
            }
            out = o;
        }
        Tensor.Rule rule = rule(op, x, w, b, rows, in, n, relu ? out : null, outIn);
        Tensor[] inputs = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
        return out instanceof float[] o32 ? Tensor.make(op, o32, shape, readsXAndW, rule, inputs)
                : Tensor.make(op, (double[]) out, shape, readsXAndW, rule, inputs);
    }

    /** E.g. {@code affine: x [4, 5] @ w [3, 2] + b [2]} or {@code linear: x [4, 5] @ wᵀ, w [2, 3]}. */
    private static String describe(String op, Tensor x, Tensor w, Tensor b, boolean outIn) {
        return op + ": x " + Arrays.toString(x.shape) + (outIn ? " @ wᵀ, w " : " @ w ") + Arrays.toString(w.shape)
                + (b == null ? "" : " + b " + Arrays.toString(b.shape));
    }

    /**
     * With Y = X·W + 1·bᵀ (X the rows of x): dX = G·Wᵀ, dW = Xᵀ·G; with W stored [out, in],
     * Y = X·Wᵀ + 1·bᵀ: dX = G·W, dW = Gᵀ·X; db = the column sums of G. Written with the
     * product primitives and sumTo so the rule differentiates again. After relu, G is first
     * masked to 0 where the output is +0 (relu(z) &le; 0 exactly when z &le; 0, and a NaN
     * output lets the gradient through, as relu does, so the output is the mask); a
     * first-order pass (grad mode off) masks in one fused loop, as relu does.
     */
    private static Tensor.Rule rule(String op, Tensor x, Tensor w, Tensor b, int rows, int in, int n, Object reluOut,
                                    boolean outIn) {
        boolean dx = x.requiresGrad, dw = w.requiresGrad, db = b != null && b.requiresGrad;
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
                gx = outIn ? MatMulOps.matmul(g2, w) : MatMulOps.matmulTransB(g2, w);
                gx = matrix ? gx : ShapeOps.view(gx, x.shape);
            }
            Tensor gw = null;
            if (dw) {
                Tensor x2 = matrix ? x : ShapeOps.view(x, new int[] {rows, in});
                gw = outIn ? MatMulOps.matmulTransA(g2, x2) : MatMulOps.matmulTransA(x2, g2);
            }
            Tensor gb = db ? g2.sumTo(n) : null;
            return b == null ? new Tensor[] {gx, gw} : new Tensor[] {gx, gw, gb};
        };
    }
}
