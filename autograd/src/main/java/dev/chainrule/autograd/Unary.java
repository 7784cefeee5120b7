package dev.chainrule.autograd;

import dev.chainrule.autograd.kernel.Kernels;

/**
 * Op table for unary elementwise tensor functions: each forward beside its derivative rule,
 * written with tensor ops so gradients of gradients work. Rules reuse the result where that
 * is cheaper (exp, sqrt, tanh, sigmoid), as PyTorch's derivatives.yaml does. Subgradient
 * choices follow PyTorch and mirror {@link ScalarOp} (each noted on its row); the piecewise
 * ones use a constant 0/1 (or slope) mask, whose own derivative is 0.
 */
final class Unary {
    private Unary() {
    }

    static Tensor neg(Tensor a) {
        return Tensor.make("neg", Kernels.mulScalar(a.data, -1), a.shape, Node.READS_NONE, g -> one(g.neg()), a);
    }

    static Tensor exp(Tensor a) {
        return Elementwise.withResult("exp", Kernels.map(a.data, Math::exp), a.shape, (g, out) -> one(g.mul(out)), a);
    }

    /** log(0) = -∞, negative input gives NaN (IEEE 754); d = 1/x. */
    static Tensor log(Tensor a) {
        return Tensor.make("log", Kernels.map(a.data, Math::log), a.shape, g -> one(g.div(a)), a);
    }

    /** d = 1/(2·sqrt(x)), infinite at 0 (as PyTorch). */
    static Tensor sqrt(Tensor a) {
        return Elementwise.withResult("sqrt", Kernels.map(a.data, Math::sqrt), a.shape,
                (g, out) -> one(g.div(out).mul(0.5)), a);
    }

    /** d|x| = sign(x), 0 at 0 (PyTorch's subgradient). */
    static Tensor abs(Tensor a) {
        return Tensor.make("abs", Kernels.map(a.data, Math::abs), a.shape,
                g -> one(g.mul(mask("abs", a, Math::signum))), a);
    }

    static Tensor sin(Tensor a) {
        return Tensor.make("sin", Kernels.map(a.data, Math::sin), a.shape, g -> one(g.mul(a.cos())), a);
    }

    static Tensor cos(Tensor a) {
        return Tensor.make("cos", Kernels.map(a.data, Math::cos), a.shape, g -> one(g.mul(a.sin()).neg()), a);
    }

    /** d = 1 - tanh². */
    static Tensor tanh(Tensor a) {
        return Elementwise.withResult("tanh", Kernels.map(a.data, Math::tanh), a.shape,
                (g, out) -> one(g.mul(out.mul(out).neg().add(1))), a);
    }

    /** Computed as 1/(1+e^-x) or e^x/(1+e^x) by sign, so neither branch overflows; d = s(1 - s). */
    static Tensor sigmoid(Tensor a) {
        return Elementwise.withResult("sigmoid", Kernels.map(a.data, ScalarOp::sigmoid), a.shape,
                (g, out) -> one(g.mul(out.mul(out.neg().add(1)))), a);
    }

    /** relu(NaN) = NaN; d relu = 0 for x &le; 0, else 1 (0 at 0 and 1 at NaN, as PyTorch). */
    static Tensor relu(Tensor a) {
        // first-order backward (grad mode off) takes the fused one-pass kernel; when the
        // gradient is itself recorded, the differentiable form g * mask
        return Tensor.make("relu", Kernels.relu(a.data), a.shape,
                g -> one(GradMode.isEnabled()
                        ? g.mul(Elementwise.constant("relu", Kernels.reluMask(a.data), a.shape))
                        : Elementwise.constant("relu", Kernels.reluBackward(g.data, a.data), a.shape)), a);
    }

    /** x for x &gt; 0, else slope·x; d = slope for x &le; 0 (PyTorch takes the slope at 0) and at NaN (which passes, as PyTorch). */
    static Tensor leakyRelu(Tensor a, double slope) {
        checkSlope(slope);
        return Tensor.make("leakyRelu", Kernels.map(a.data, x -> x > 0 ? x : slope * x), a.shape,
                g -> one(g.mul(mask("leakyRelu", a, x -> x > 0 ? 1 : slope))), a);
    }

    /** Heaviside: 1 for x &ge; 0, else 0; its derivative is taken as 0 everywhere. */
    static Tensor step(Tensor a) {
        return Tensor.make("step", Kernels.map(a.data, x -> x >= 0 ? 1 : 0), a.shape, g -> one(g.mul(0)), a);
    }

    /** log(1 + e^x) computed as max(x, 0) + log1p(e^-|x|) (no overflow); d = sigmoid(x). */
    static Tensor softplus(Tensor a) {
        return Tensor.make("softplus", Kernels.map(a.data, x -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)))),
                a.shape, g -> one(g.mul(a.sigmoid())), a);
    }

    /**
     * x limited to [lo, hi]; the gradient passes where lo &le; x &le; hi, bounds included (as
     * PyTorch's clamp). NaN passes with gradient 0 (PyTorch 1.13's clamp_backward). Either bound
     * may be infinite; NaN bounds or lo &gt; hi are refused.
     */
    static Tensor clamp(Tensor a, double lo, double hi) {
        if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi) {
            throw new IllegalArgumentException("clamp: bounds [" + lo + ", " + hi
                    + "] are not an interval (expected min <= max, neither NaN; use ±Infinity for no bound)");
        }
        return Tensor.make("clamp", Kernels.map(a.data, x -> x < lo ? lo : x > hi ? hi : x), a.shape,
                g -> one(g.mul(mask("clamp", a, x -> x >= lo && x <= hi ? 1 : 0))), a);
    }

    // ---------------------------------------------------------------- helpers

    /** A NaN or infinite slope would turn every negative input into NaN or ±∞ silently. */
    static void checkSlope(double slope) {
        if (!Double.isFinite(slope)) {
            throw new IllegalArgumentException("leakyRelu: slope " + slope + " is not a finite number");
        }
    }

    private static Tensor[] one(Tensor g) {
        return new Tensor[] {g};
    }

    /** A constant derivative mask {@code f(x)} over a's elements. */
    private static Tensor mask(String op, Tensor a, java.util.function.DoubleUnaryOperator f) {
        return Elementwise.constant(op, Kernels.map(a.data, f), a.shape);
    }
}
