package dev.chainrule.autograd;

import java.util.Objects;

/**
 * Linear interpolation {@code lerp(start, end, weight) = start + weight·(end - start)}, the
 * one ternary elementwise op, on broadcast tensors and on values. Its partials are
 * {@code 1 - weight}, {@code weight} and {@code end - start}, written with graph ops so the
 * op differentiates again.
 *
 * <p>The forward is PyTorch 1.13's CPU kernel, bit for bit (measured against
 * {@code torch.lerp} in float64, see {@code torch_lerp_reference.py}): for
 * {@code weight < 0.5} it is {@code start + weight·(end - start)}, otherwise
 * {@code end + (weight - 1)·(end - start)}, each a single fused multiply-add, so the result
 * is exactly {@code start} at weight 0 and exactly {@code end} at weight 1. (The scalar
 * formula in ATen's Lerp.h tests {@code |weight| < 0.5}; the vectorized kernel that runs
 * for float64 tensors tests {@code weight < 0.5}, which is what a user of 1.13 gets.)
 */
final class Lerp {
    private Lerp() {
    }

    /** One element, as PyTorch 1.13's CPU kernel. */
    static double at(double start, double end, double weight) {
        double diff = end - start;
        return weight < 0.5 ? Math.fma(weight, diff, start) : Math.fma(weight - 1, diff, end);
    }

    /** The op on three tensors, broadcast together. */
    static Tensor apply(Tensor start, Tensor end, Tensor weight) {
        Objects.requireNonNull(end, "lerp: end is null");
        Objects.requireNonNull(weight, "lerp: weight is null");
        int[] shape;
        try {
            shape = Shapes.broadcast("lerp", Shapes.broadcast("lerp", start.shape, end.shape), weight.shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lerp: start " + java.util.Arrays.toString(start.shape) + ", end "
                    + java.util.Arrays.toString(end.shape) + " and weight " + java.util.Arrays.toString(weight.shape)
                    + " do not broadcast together", e);
        }
        double[] s, e, w;
        try (GradMode.Scope off = GradMode.disabled()) {
            s = start.expand(shape).doubles();
            e = end.expand(shape).doubles();
            w = weight.expand(shape).doubles();
        }
        double[] out = new double[s.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = at(s[i], e[i], w[i]);
        }
        return Tensor.make("lerp", out, shape, g -> new Tensor[] {
            start.requiresGrad ? g.mul(weight.neg().add(1)) : null,
            end.requiresGrad ? g.mul(weight) : null,
            weight.requiresGrad ? g.mul(end.sub(start)) : null}, start, end, weight);
    }

    /** The op on three values. */
    static Value apply(Value start, Value end, Value weight) {
        Objects.requireNonNull(end, "Value.lerp: end is null");
        Objects.requireNonNull(weight, "Value.lerp: weight is null");
        return Value.function(SCALAR, start, end, weight);
    }

    /** What a scalar lerp node records. */
    private static final BoundOp SCALAR = new BoundOp() {
        @Override
        String name() {
            return "lerp";
        }

        @Override
        double[] params() {
            return UnaryOp.NO_PARAMS;
        }

        @Override
        double forward(double[] in) {
            return at(in[0], in[1], in[2]);
        }

        @Override
        double partial(Value out, int i) {
            double s = out.in(0).data(), e = out.in(1).data(), w = out.in(2).data();
            return i == 0 ? 1 - w : i == 1 ? w : e - s;
        }

        @Override
        Value vjp(Value out, int i, Value g) {
            Value s = out.in(0), e = out.in(1), w = out.in(2);
            return i == 0 ? g.mul(w.neg().add(1)) : i == 1 ? g.mul(w) : g.mul(e.sub(s));
        }
    };
}
