package dev.chainrule.autograd;

import dev.chainrule.autograd.kernel.Kernels;
import java.util.List;

/**
 * One unary elementwise primitive of the op registry ({@link ElementwiseOps}): its forward,
 * its derivative, its parameters and how to test it, declared once and applied here to
 * {@link Tensor}s and {@link Value}s.
 *
 * <p>The derivative comes in up to two forms that sit side by side in the declaration: a
 * plain number {@code d(x, out)} (the fast first-order path: one fused kernel pass for a
 * tensor, one multiplication for a scalar) and, for smooth ops, a {@link Rule} written with
 * {@link Num} ops so it differentiates again. An op without a rule is piecewise constant in
 * its derivative (relu, floor, clamp): its graph form is {@code g · d(x, out)} with
 * {@code d} a constant, whose own derivative is 0.
 */
final class UnaryOp {
    static final double[] NO_PARAMS = {};

    /** The forward, with the op's parameters (empty for most). */
    @FunctionalInterface
    interface Forward {
        double apply(double x, double[] p);
    }

    /** d(out)/dx as a number, given the input and the op's output. */
    @FunctionalInterface
    interface Derivative {
        double at(double x, double out, double[] p);
    }

    /**
     * The vector-Jacobian product {@code g · d(out)/dx} written with graph ops; filled by a
     * method reference to a generic static method (a lambda cannot be generic).
     */
    @FunctionalInterface
    interface Rule {
        <T extends Num<T>> T vjp(T g, T x, T out, double[] p);
    }

    /** A whole-array forward of a parameterless op: one branch-free kernel pass instead of a lambda per element. */
    @FunctionalInterface
    interface ArrayForward {
        double[] apply(double[] x);
    }

    /** A whole-array first-order backward {@code g · d(x)} (recording off). */
    @FunctionalInterface
    interface ArrayBackward {
        double[] apply(double[] g, double[] x);
    }

    /** {@link ArrayForward} in float32. */
    @FunctionalInterface
    interface ArrayForward32 {
        float[] apply(float[] x);
    }

    /** {@link ArrayBackward} in float32. */
    @FunctionalInterface
    interface ArrayBackward32 {
        float[] apply(float[] g, float[] x);
    }

    /** Refuses bad parameters with a message naming the op. */
    @FunctionalInterface
    interface ParamCheck {
        void check(double[] p);
    }

    final String name;
    final List<String> params;
    final Forward forward;
    final Derivative derivative;
    /** null when the derivative is piecewise constant. */
    final Rule rule;
    final ParamCheck check;
    /** True when {@link Value} has the op too. */
    final boolean scalar;
    final TestSpec spec;
    /** The bound form of a parameterless op, made once (scalar graphs call it per node). */
    final Applied plain;
    /** Parameters a caller may leave out (softplus: 1 and ∞), or null; set once, by the declaration. */
    double[] defaults;
    /** Fast kernels equal to {@link #forward} and to {@code g · derivative}, or null; set once, by the declaration. */
    ArrayForward arrayForward;
    ArrayBackward arrayBackward;
    /** Their float32 twins, set with them. */
    ArrayForward32 arrayForward32;
    ArrayBackward32 arrayBackward32;

    UnaryOp(String name, List<String> params, Forward forward, Derivative derivative, Rule rule,
            ParamCheck check, boolean scalar, TestSpec spec) {
        this.name = name;
        this.params = params;
        this.forward = forward;
        this.derivative = derivative;
        this.rule = rule;
        this.check = check;
        this.scalar = scalar;
        this.spec = spec;
        this.plain = new Applied(this, NO_PARAMS);
    }

    /** This op with parameters a caller may leave out. */
    UnaryOp withDefaults(double... d) {
        defaults = d;
        return this;
    }

    /**
     * This op computed on tensors by kernels, float64 and float32 (relu: {@link Kernels#relu}
     * and {@link Kernels#reluBackward}); they must give the same numbers as the row's forward and
     * derivative (a property test compares them), so only the speed changes.
     */
    UnaryOp withKernels(ArrayForward f, ArrayBackward b, ArrayForward32 f32, ArrayBackward32 b32) {
        arrayForward = f;
        arrayBackward = b;
        arrayForward32 = f32;
        arrayBackward32 = b32;
        return this;
    }

    /** The op on a tensor, parameters checked first. */
    Tensor apply(Tensor a, double... p) {
        bind(p);
        Tensor[] self = new Tensor[1];
        Tensor.Rule rule = g -> new Tensor[] {backward(g, a, self[0], p)};
        self[0] = a.dtype() == DType.F32 // f runs in double either way; float32 skips the widened copy
                ? Tensor.make(name, arrayForward32 != null && p.length == 0 ? arrayForward32.apply(a.floats())
                        : Kernels.map(a.floats(), x -> forward.apply(x, p)), a.shape, Node.READS_ALL, rule, a)
                : Tensor.make(name, arrayForward != null && p.length == 0 ? arrayForward.apply(a.doubles())
                        : Kernels.map(a.doubles(), x -> forward.apply(x, p)), a.shape, rule, a);
        return self[0];
    }

    /**
     * First order (grad mode off) takes one fused pass {@code g · d(x, out)}; when the
     * gradient is itself recorded, the rule's graph, or {@code g} times a constant mask.
     */
    private Tensor backward(Tensor g, Tensor x, Tensor out, double[] p) {
        if (rule != null && GradMode.isEnabled()) {
            return rule.vjp(g, x, out, p);
        }
        if (!GradMode.isEnabled() && x.dtype() == DType.F32 && out.dtype() == DType.F32 && g.dtype() == DType.F32) {
            if (arrayBackward32 != null && p.length == 0) {
                return Tensor.make(name, arrayBackward32.apply(g.floats(), x.floats()), g.shape, Node.READS_NONE, null);
            }
            float[] xs = x.floats(), os = out.floats(), gs = g.floats();
            float[] r = new float[gs.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = (float) (gs[i] * derivative.at(xs[i], os[i], p));
            }
            return Tensor.make(name, r, g.shape, Node.READS_NONE, null);
        }
        if (!GradMode.isEnabled() && arrayBackward != null && p.length == 0) {
            return Elementwise.constant(name, arrayBackward.apply(g.doubles(), x.doubles()), g.shape, g);
        }
        double[] xs = x.doubles(), os = out.doubles();
        if (!GradMode.isEnabled()) {
            double[] gs = g.doubles();
            double[] r = new double[gs.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = gs[i] * derivative.at(xs[i], os[i], p);
            }
            return Elementwise.constant(name, r, g.shape, g);
        }
        double[] d = new double[xs.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = derivative.at(xs[i], os[i], p);
        }
        return g.mul(Elementwise.constant(name, d, x.shape, g));
    }

    /** The op on a scalar. */
    Value apply(Value a, double... p) {
        return Value.function(p.length == 0 ? plain : bind(p), a);
    }

    /** The op with its parameters checked and bound. */
    Applied bind(double[] p) {
        if (p.length != params.size()) {
            throw new IllegalArgumentException(name + ": expected " + params.size() + " parameters " + params
                    + " but got " + p.length);
        }
        for (int i = 0; i < p.length; i++) {
            if (Double.isNaN(p[i])) {
                throw new IllegalArgumentException(name + ": parameter " + params.get(i) + " is NaN");
            }
        }
        check.check(p);
        return p.length == 0 ? plain : new Applied(this, p);
    }

    /** A registry op with its parameters bound: what a scalar node records. */
    static final class Applied extends BoundOp {
        final UnaryOp op;
        final double[] p;

        Applied(UnaryOp op, double[] p) {
            this.op = op;
            this.p = p;
        }

        @Override
        String name() {
            return op.name;
        }

        @Override
        double[] params() {
            return p;
        }

        @Override
        double forward(double[] in) {
            return op.forward.apply(in[0], p);
        }

        @Override
        double forward(double a) {
            return op.forward.apply(a, p);
        }

        @Override
        double partial(Value out, int i) {
            return op.derivative.at(out.in(0).data(), out.data(), p);
        }

        @Override
        Value vjp(Value out, int i, Value g) {
            return op.rule != null ? op.rule.vjp(g, out.in(0), out, p) : g.mul(partial(out, i));
        }
    }
}
