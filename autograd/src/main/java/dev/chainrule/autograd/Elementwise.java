package dev.chainrule.autograd;

import dev.chainrule.autograd.kernel.Broadcast;
import dev.chainrule.autograd.kernel.Kernels;
import dev.chainrule.autograd.kernel.Select;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;

/**
 * Op table for binary elementwise tensor operations (NumPy broadcasting in both
 * directions), their {@code double} overloads, comparisons and {@code where}: each op's
 * forward and its derivative rule side by side. Rules are written with tensor ops, so
 * gradients of gradients work, and return gradients in the broadcast output shape;
 * {@link Tensor} sums them back to each input's shape in one place. Unary functions and
 * maximum/minimum/atan2 are in the op registry, {@link ElementwiseOps}.
 *
 * <p>Subgradient choices mirror {@link ScalarOp} so a {@link Value} and a {@link Tensor}
 * computation agree: {@code pow}'s exponent gradient is 0 where the base is 0 and the
 * exponent non-negative.
 */
final class Elementwise {
    private static final Tensor ZERO = Tensor.scalar(0);
    private static final Tensor ONE = Tensor.scalar(1);

    private Elementwise() {
    }

    // ---------------------------------------------------------------- arithmetic

    static Tensor add(Tensor a, Tensor b) {
        return arithmetic("add", a, b, Kernels::add, Double::sum, Node.READS_NONE, g -> new Tensor[] {g, g});
    }

    static Tensor sub(Tensor a, Tensor b) {
        return arithmetic("sub", a, b, Kernels::sub, (x, y) -> x - y, Node.READS_NONE, g -> new Tensor[] {g, g.neg()});
    }

    static Tensor mul(Tensor a, Tensor b) {
        return arithmetic("mul", a, b, Kernels::mul, (x, y) -> x * y, Node.READS_ALL,
                g -> new Tensor[] {g.mul(b), g.mul(a)});
    }

    /** d/da = 1/b, d/db = -a/b² (division by zero gives IEEE infinities/NaN, as the forward does). */
    static Tensor div(Tensor a, Tensor b) {
        return arithmetic("div", a, b, Kernels::div, (x, y) -> x / y, Node.READS_ALL,
                g -> new Tensor[] {g.div(b), g.mul(a).div(b.mul(b)).neg()});
    }

    /**
     * Records one of the four arithmetic ops: two float32 operands run the float32 loops (a
     * float's +, -, ·, / is the double result rounded, so nothing changes but the speed), any
     * other pair the float64 ones, its result rounded to the promoted type.
     */
    private static Tensor arithmetic(String op, Tensor a, Tensor b, BinaryOperator<double[]> sameShape,
                                     DoubleBinaryOperator f, int reads, Tensor.Rule rule) {
        if (b == null) {
            throw new NullPointerException(op + ": the other operand is null");
        }
        int[] shape = broadcastShape(op, a, b);
        if (a.dtype() == DType.F32 && b.dtype() == DType.F32) {
            Broadcast.Arith kind = Broadcast.Arith.named(op);
            float[] out;
            if (Arrays.equals(a.shape, b.shape)) {
                out = Broadcast.arith(kind, a.floats(), b.floats());
            } else {
                out = new float[Shapes.size(op, shape)];
                Broadcast.arith(kind, a.floats(), Shapes.broadcastStrides(a.shape, shape), b.floats(),
                        Shapes.broadcastStrides(b.shape, shape), shape, out);
            }
            return Tensor.make(op, out, shape, reads, rule, a, b);
        }
        return Tensor.make(op, arith(op, a, b, sameShape, f), shape, reads, rule, a, b);
    }

    /**
     * a^b with both differentiable. d/da = b a^(b-1), and 0 where b = 0 (so 0^-1 gives no
     * NaN); d/db = a^b log a, and 0 where a = 0 and b &ge; 0 (as PyTorch and {@link ScalarOp#POW_VALUE}).
     * The masks are fills (PyTorch's masked_fill, ScalarOp's constant 0), so their own
     * derivatives are 0 there too; the masked entries are also made harmless inside the
     * formulas (exponent 1, base 1), so the second derivative has no 0·∞ either.
     */
    static Tensor pow(Tensor a, Tensor b) {
        return withResult("pow", arith("pow", a, b, null, Math::pow), broadcastShape("pow", a, b), (g, out) -> {
            Tensor bZero = b.eq(0);
            Tensor da = where(bZero, ZERO, g.mul(b).mul(a.pow(where(bZero, ONE, b).sub(1))));
            Tensor logMask = constant("pow", arith("pow", a, b, null, (x, y) -> x == 0 && y >= 0 ? 1 : 0),
                    out.shape);
            Tensor db = g.mul(out).mul(where(logMask, ONE, a).log());
            return new Tensor[] {da, db};
        }, a, b);
    }

    /** {@code -a}. */
    static Tensor neg(Tensor a) {
        return withScalar("neg", a, -1, Broadcast.Arith.MUL, Node.READS_NONE, g -> new Tensor[] {g.neg()});
    }

    // ---------------------------------------------------------------- double overloads

    static Tensor add(Tensor a, double c) {
        return withScalar("add", a, c, Broadcast.Arith.ADD, Node.READS_NONE, g -> new Tensor[] {g});
    }

    static Tensor mul(Tensor a, double c) {
        return withScalar("mul", a, c, Broadcast.Arith.MUL, Node.READS_ALL, g -> new Tensor[] {g.mul(c)});
    }

    /** A true division (not a multiplication by 1/c), so results match {@code Value.div(c)} bit for bit. */
    static Tensor div(Tensor a, double c) {
        return withScalar("div", a, c, Broadcast.Arith.DIV, Node.READS_ALL, g -> new Tensor[] {g.div(c)});
    }

    /** {@code a op c} for a double c, in a's type: the float32 loop on float storage, else the float64 one. */
    private static Tensor withScalar(String op, Tensor a, double c, Broadcast.Arith kind, int reads, Tensor.Rule rule) {
        if (a.dtype() == DType.F32) {
            float[] x = a.floats();
            float[] out = switch (kind) {
                case ADD -> Kernels.addScalar(x, c);
                case MUL -> Kernels.mulScalar(x, c);
                default -> Kernels.divScalar(x, c);
            };
            return Tensor.make(op, out, a.shape, reads, rule, a);
        }
        double[] x = a.doubles();
        double[] out = switch (kind) {
            case ADD -> Kernels.addScalar(x, c);
            case MUL -> Kernels.mulScalar(x, c);
            default -> Kernels.divScalar(x, c);
        };
        return Tensor.make(op, out, a.shape, reads, rule, a);
    }

    /** x^p for a constant p; d = p x^(p-1), and 0 when p = 0 (as {@link ScalarOp#POW}). */
    static Tensor pow(Tensor a, double p) {
        return Tensor.make("pow", Kernels.map(a.doubles(), x -> Math.pow(x, p)), a.shape,
                g -> new Tensor[] {p == 0 ? g.mul(0) : g.mul(a.pow(p - 1)).mul(p)}, a);
    }

    // ---------------------------------------------------------------- comparisons & selection

    // Comparisons: constant 0/1 masks (broadcast); no gradient flows through a comparison.
    // NaN compares false, so it is in no mask.

    static Tensor gt(Tensor a, Tensor b) {
        return compare("gt", a, b, (x, y) -> x > y ? 1 : 0);
    }

    static Tensor ge(Tensor a, Tensor b) {
        return compare("ge", a, b, (x, y) -> x >= y ? 1 : 0);
    }

    static Tensor lt(Tensor a, Tensor b) {
        return compare("lt", a, b, (x, y) -> x < y ? 1 : 0);
    }

    static Tensor le(Tensor a, Tensor b) {
        return compare("le", a, b, (x, y) -> x <= y ? 1 : 0);
    }

    static Tensor eq(Tensor a, Tensor b) {
        return compare("eq", a, b, (x, y) -> x == y ? 1 : 0);
    }

    private static Tensor compare(String op, Tensor a, Tensor b, DoubleBinaryOperator test) {
        double[] mask = arith(op, a, b, null, test); // refuses a null operand, naming the op
        // a 0/1 mask in the operands' promoted type (PyTorch's would be bool)
        return Tensor.make(op, DType.promote(new Tensor[] {a, b}), mask, broadcastShape(op, a, b), Node.READS_NONE, null);
    }

    /**
     * Elementwise {@code mask != 0 ? a : b} with the three operands broadcast together. The
     * gradient goes to a where the mask is set and to b elsewhere, selected (not multiplied)
     * so an infinite upstream gradient does not turn into NaN on the other side.
     */
    static Tensor where(Tensor mask, Tensor a, Tensor b) {
        Objects.requireNonNull(mask, "where: mask is null");
        Objects.requireNonNull(a, "where: a is null");
        Objects.requireNonNull(b, "where: b is null");
        int[] shape;
        try {
            shape = Shapes.broadcast("where", Shapes.broadcast("where", mask.shape, a.shape), b.shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("where: mask " + Arrays.toString(mask.shape) + ", a "
                    + Arrays.toString(a.shape) + " and b " + Arrays.toString(b.shape)
                    + " cannot be broadcast together (each dimension must be equal or 1)", e);
        }
        double[] out = new double[Shapes.size("where", shape)];
        Select.where(mask.doubles(), Shapes.broadcastStrides(mask.shape, shape), a.doubles(),
                Shapes.broadcastStrides(a.shape, shape), b.doubles(), Shapes.broadcastStrides(b.shape, shape), shape, out);
        Tensor m = mask.detach();
        return Tensor.make("where", out, shape,
                g -> new Tensor[] {where(m, g, ZERO), where(m, ZERO, g)}, a, b);
    }

    // ---------------------------------------------------------------- helpers

    static int[] broadcastShape(String op, Tensor a, Tensor b) {
        return Arrays.equals(a.shape, b.shape) ? a.shape : Shapes.broadcast(op, a.shape, b.shape);
    }

    /** Forward of a broadcasting binary op into fresh storage. */
    static double[] binary(String op, Tensor a, Tensor b, DoubleBinaryOperator f) {
        return arith(op, a, b, null, f);
    }

    /**
     * Forward of a broadcasting binary op: the dedicated same-shape loop when given and the
     * shapes match, else the strided broadcast loop (no expanded copies).
     */
    private static double[] arith(String op, Tensor a, Tensor b, BinaryOperator<double[]> sameShape,
                                  DoubleBinaryOperator f) {
        if (b == null) {
            throw new NullPointerException(op + ": the other operand is null");
        }
        if (Arrays.equals(a.shape, b.shape)) {
            return sameShape != null ? sameShape.apply(a.doubles(), b.doubles()) : Kernels.zip(a.doubles(), b.doubles(), f);
        }
        int[] shape = Shapes.broadcast(op, a.shape, b.shape);
        // two small operands can broadcast to more elements than a tensor holds
        double[] out = new double[Shapes.size(op, shape)];
        Broadcast.Arith fast = sameShape == null ? null : Broadcast.Arith.named(op);
        if (fast != null) {
            Broadcast.arith(fast, a.doubles(), Shapes.broadcastStrides(a.shape, shape), b.doubles(),
                    Shapes.broadcastStrides(b.shape, shape), shape, out);
        } else {
            Broadcast.binary(a.doubles(), Shapes.broadcastStrides(a.shape, shape), b.doubles(),
                    Shapes.broadcastStrides(b.shape, shape), shape, out, f);
        }
        return out;
    }

    /** A constant tensor over fresh storage (masks, weights): it never wants a gradient. */
    static Tensor constant(String op, double[] data, int[] shape) {
        return Tensor.make(op, data, shape, null);
    }

    /**
     * As {@link #constant(String, double[], int[])} in {@code like}'s type: a fused gradient
     * or mask for a float32 graph stays float32 instead of promoting what it multiplies.
     */
    static Tensor constant(String op, double[] data, int[] shape, Tensor like) {
        return Tensor.make(op, like.dtype(), data, shape, Node.READS_NONE, null);
    }

    /**
     * Records an op whose rule uses its own result (d exp = g·exp, d sqrt = g/(2·sqrt)), the
     * cheaper form; the rule receives the upstream gradient and the result.
     */
    static Tensor withResult(String op, double[] data, int[] shape, BiFunction<Tensor, Tensor, Tensor[]> rule,
                             Tensor... inputs) {
        Tensor[] self = new Tensor[1];
        self[0] = Tensor.make(op, data, shape, g -> rule.apply(g, self[0]), inputs);
        return self[0];
    }
}
