package dev.chainrule.autograd;

import java.util.Arrays;

/**
 * One binary elementwise primitive of the op registry ({@link ElementwiseOps}), declared
 * once and applied here to {@link Tensor}s (NumPy broadcasting both ways) and {@link Value}s.
 * As for {@link UnaryOp}, a {@link Rule} makes the derivative a graph; without one the
 * partials are piecewise constant (maximum, minimum) and enter the graph as constant masks.
 */
final class BinaryOp {
    /** The forward. */
    @FunctionalInterface
    interface Forward {
        double apply(double a, double b);
    }

    /** d(out)/d(input i) as a number. */
    @FunctionalInterface
    interface Partial {
        double at(int i, double a, double b);
    }

    /** {@code g · d(out)/d(input i)} written with graph ops (a generic method reference). */
    @FunctionalInterface
    interface Rule {
        <T extends Num<T>> T vjp(int i, T g, T a, T b, T out);
    }

    final String name;
    final Forward forward;
    final Partial partial;
    /** null when the partials are piecewise constant. */
    final Rule rule;
    final boolean scalar;
    final TestSpec spec;
    final BoundOp scalarForm;

    BinaryOp(String name, Forward forward, Partial partial, Rule rule, boolean scalar, TestSpec spec) {
        this.name = name;
        this.forward = forward;
        this.partial = partial;
        this.rule = rule;
        this.scalar = scalar;
        this.spec = spec;
        this.scalarForm = new ScalarForm();
    }

    /** The op on two tensors, broadcast; gradients come back in the output shape ({@link Tensor} un-broadcasts). */
    Tensor apply(Tensor a, Tensor b) {
        if (b == null) {
            throw new NullPointerException(name + ": the other operand is null");
        }
        int[] shape = Elementwise.broadcastShape(name, a, b);
        double[] out = Elementwise.binary(name, a, b, forward::apply);
        Tensor[] self = new Tensor[1];
        self[0] = Tensor.make(name, out, shape,
                g -> new Tensor[] {backward(0, g, a, b, self[0]), backward(1, g, a, b, self[0])}, a, b);
        return self[0];
    }

    private Tensor backward(int i, Tensor g, Tensor a, Tensor b, Tensor out) {
        if (!((i == 0 ? a : b).requiresGrad)) {
            return null;
        }
        if (rule != null && GradMode.isEnabled()) {
            return rule.vjp(i, g, a, b, out);
        }
        if (!GradMode.isEnabled() && Arrays.equals(a.shape, b.shape)) { // one fused pass
            double[] gs = g.doubles(), as = a.doubles(), bs = b.doubles();
            double[] r = new double[gs.length];
            for (int k = 0; k < r.length; k++) {
                r[k] = gs[k] * partial.at(i, as[k], bs[k]);
            }
            return Elementwise.constant(name, r, g.shape, g);
        }
        return g.mul(Elementwise.constant(name, Elementwise.binary(name, a, b, (x, y) -> partial.at(i, x, y)),
                out.shape, g));
    }

    /** The op on two scalars. */
    Value apply(Value a, Value b) {
        if (b == null) {
            throw new NullPointerException("Value." + name + ": the other operand is null");
        }
        return Value.function(scalarForm, a, b);
    }

    /** What a scalar node of this op records. */
    private final class ScalarForm extends BoundOp {
        @Override
        String name() {
            return name;
        }

        @Override
        double[] params() {
            return UnaryOp.NO_PARAMS;
        }

        @Override
        double forward(double[] in) {
            return forward.apply(in[0], in[1]);
        }

        @Override
        double forward(double a, double b) {
            return forward.apply(a, b);
        }

        @Override
        double partial(Value out, int i) {
            return partial.at(i, out.in(0).data(), out.in(1).data());
        }

        @Override
        Value vjp(Value out, int i, Value g) {
            return rule != null ? rule.vjp(i, g, out.in(0), out.in(1), out) : g.mul(partial(out, i));
        }
    }
}
