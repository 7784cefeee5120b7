package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.testkit.TensorArbitraries.Reduction;
import dev.chainrule.testkit.TensorArbitraries.TensorPair;
import dev.chainrule.testkit.TensorArbitraries;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * NaN propagates through the piecewise ops as in PyTorch (whose numbers on fixed points nn's
 * {@code TorchNanReferenceTest} compares with): relu, leakyRelu, clamp, elementwise max/min
 * and the max/min reductions give NaN exactly where an input they select from is NaN, and
 * the fused {@code affineRelu} equals the unfused {@code matmul + add + relu} there, forward
 * and backward. Gradients at NaN follow PyTorch's rules: relu and the elementwise max/min let
 * the gradient through (both operands of a max with a NaN get it), leakyRelu takes the slope,
 * clamp gives 0, a reduction gives a NaN slice's gradient to its NaN elements.
 *
 * <p>Each unary op is checked against the same op of the scalar engine ({@link Value}) element
 * by element, values and gradients, and the first-order fast path against the graph path
 * (gradients recorded, as for second order), which use different kernels.
 */
class NanPropagationProperties {
    private static final double SLOPE = 0.1;

    /** Elements: NaN often, both zeros, a value shared so ties occur, and ordinary numbers. */
    static Arbitrary<Double> elements() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Double.NaN)),
                Tuple.of(1, Arbitraries.just(0.0)),
                Tuple.of(1, Arbitraries.just(-0.0)),
                Tuple.of(1, Arbitraries.just(0.5)),
                Tuple.of(4, Arbitraries.doubles().between(-2, 2).ofScale(3)));
    }

    /** A unary op in both engines, with its gradient at NaN (per unit upstream gradient) as PyTorch's. */
    record UnaryOp(String name, Function<Tensor, Tensor> t, Function<Value, Value> v, double gradAtNan) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Provide
    Arbitrary<UnaryOp> unaryOps() {
        return Arbitraries.of(
                new UnaryOp("relu", Tensor::relu, Value::relu, 1),
                new UnaryOp("leakyRelu", x -> x.leakyRelu(SLOPE), x -> x.leakyRelu(SLOPE), SLOPE),
                new UnaryOp("clamp", x -> x.clamp(-0.5, 0.5), NanPropagationProperties::clampValue, 0),
                new UnaryOp("max 0.5", x -> x.maximum(0.5), x -> x.maximum(0.5), 1),
                new UnaryOp("min 0.5", x -> x.minimum(0.5), x -> x.minimum(0.5), 1));
    }

    /** Value has no clamp: the same rule from max/min would split ties, so it is written out. */
    private static Value clampValue(Value x) {
        double d = x.data();
        if (Double.isNaN(d)) {
            return x.mul(0).add(Double.NaN); // NaN with gradient 0, as clamp's
        }
        return d < -0.5 ? x.mul(0).add(-0.5) : d > 0.5 ? x.mul(0).add(0.5) : x;
    }

    @Provide
    Arbitrary<Tensor> tensors() {
        return TensorArbitraries.tensors(elements());
    }

    @Property(tries = 200)
    void unaryOpsKeepNanAndAgreeWithTheScalarEngine(@ForAll("unaryOps") UnaryOp op, @ForAll("tensors") Tensor drawn) {
        Tensor t = Tensor.of(drawn.toArray(), drawn.shape());
        double[] x = t.toArray();
        double[] w = weights(x.length);
        Tensor y = op.t().apply(t);
        y.mul(Tensor.constant(w, t.shape())).sum().backward();
        double[] gx = t.grad().toArray();
        for (int i = 0; i < x.length; i++) {
            Value xi = Value.of(x[i]);
            Value yi = op.v().apply(xi);
            yi.mul(w[i]).backward();
            String at = op + " at element " + i + " = " + x[i];
            assertEquals(Double.isNaN(x[i]), Double.isNaN(y.toArray()[i]), at + ": NaN in exactly where NaN out");
            assertEquals(yi.data(), y.toArray()[i], 0, at + ": the scalar engine's value");
            assertEquals(xi.grad(), gx[i], 0, at + ": the scalar engine's gradient");
            if (Double.isNaN(x[i])) {
                assertEquals(op.gradAtNan() * w[i], gx[i], 0, at + ": PyTorch's gradient at NaN");
            }
        }
        assertArrayEquals(gx, graphGradients(op.t(), t, w).get(0).toArray(), 0, op + ": graph path = fast path");
    }

    @Property(tries = 150)
    void elementwiseMaxMinKeepNanAndUndoBroadcastingThere(@ForAll("pairs") TensorPair p, @ForAll boolean max) {
        Tensor a = Tensor.of(p.a().toArray(), p.a().shape()), b = Tensor.of(p.b().toArray(), p.b().shape());
        Tensor y = max ? a.max(b) : a.min(b);
        int[] full = y.shape();
        double[] w = weights(y.size());
        y.mul(Tensor.constant(w, full)).sum().backward();
        // the same op on operands expanded by hand: broadcasting undone by expand's own backward
        Tensor a2 = Tensor.of(a.toArray(), a.shape()), b2 = Tensor.of(b.toArray(), b.shape());
        Tensor ea = a2.expand(full), eb = b2.expand(full);
        Tensor y2 = max ? ea.max(eb) : ea.min(eb);
        y2.mul(Tensor.constant(w, full)).sum().backward();
        assertArrayEquals(y2.toArray(), y.toArray(), 0);
        assertArrayEquals(a2.grad().toArray(), a.grad().toArray(), 0);
        assertArrayEquals(b2.grad().toArray(), b.grad().toArray(), 0);
        // same shapes, element by element against the scalar engine
        double[] va = ea.toArray(), vb = eb.toArray(), out = y.toArray();
        Tensor fa = Tensor.of(va, full), fb = Tensor.of(vb, full);
        (max ? fa.max(fb) : fa.min(fb)).mul(Tensor.constant(w, full)).sum().backward();
        for (int i = 0; i < out.length; i++) {
            Value x1 = Value.of(va[i]), x2 = Value.of(vb[i]);
            Value v = max ? x1.max(x2) : x1.min(x2);
            v.mul(w[i]).backward();
            String at = (max ? "max(" : "min(") + va[i] + ", " + vb[i] + ") at " + i;
            assertEquals(Double.isNaN(va[i]) || Double.isNaN(vb[i]), Double.isNaN(out[i]), at + ": NaN");
            assertEquals(v.data(), out[i], 0, at + ": the scalar engine's value");
            assertEquals(x1.grad(), fa.grad().toArray()[i], 0, at + ": the scalar engine's gradient of a");
            assertEquals(x2.grad(), fb.grad().toArray()[i], 0, at + ": the scalar engine's gradient of b");
            if (Double.isNaN(out[i])) {
                assertEquals(w[i], fa.grad().toArray()[i], 0, at + ": PyTorch gives both operands the gradient");
                assertEquals(w[i], fb.grad().toArray()[i], 0, at + ": PyTorch gives both operands the gradient");
            }
        }
    }

    @Provide
    Arbitrary<TensorPair> pairs() {
        return TensorArbitraries.broadcastTensorPairs(elements(), elements());
    }

    @Property(tries = 150)
    void reductionsGiveNanSlicesTheirNanAndItsGradient(@ForAll("reductions") Reduction r, @ForAll boolean max) {
        Tensor a = Tensor.of(r.input().toArray(), r.input().shape());
        Tensor y = max ? a.max(r.axes(), r.keepDims()) : a.min(r.axes(), r.keepDims());
        y.sum().backward();
        // each slice: index the input's elements by the output element they reduce into
        Tensor ones = Tensor.ones(a.shape());
        Tensor sliceIds = Tensor.constant(iota(y.size()), y.shape());
        double[] slice = (r.keepDims() ? sliceIds : reshapeKept(sliceIds, a.shape(), r.axes())).mul(ones).toArray();
        double[] x = a.toArray(), g = a.grad().toArray(), out = y.toArray();
        boolean[] hasNan = new boolean[out.length];
        double[] mass = new double[out.length];
        for (int i = 0; i < x.length; i++) {
            int s = (int) slice[i];
            hasNan[s] |= Double.isNaN(x[i]);
            mass[s] += g[i];
        }
        for (int i = 0; i < x.length; i++) {
            int s = (int) slice[i];
            if (hasNan[s]) {
                assertEquals(Double.isNaN(x[i]) ? 1 : 0, Math.signum(g[i]), 0,
                        "element " + i + " = " + x[i] + " of a NaN slice: only NaN elements get gradient");
            }
        }
        for (int s = 0; s < out.length; s++) {
            assertEquals(hasNan[s], Double.isNaN(out[s]), "slice " + s + ": NaN result exactly when it holds a NaN");
            assertEquals(1, mass[s], 1e-12, "slice " + s + ": the whole upstream gradient reaches it");
        }
    }

    @Provide
    Arbitrary<Reduction> reductions() {
        return TensorArbitraries.reductions(TensorArbitraries.tensors(elements())).filter(r -> r.input().size() > 0);
    }

    @Property(tries = 100)
    void affineReluEqualsTheUnfusedOpsWithNanInside(@ForAll long seed) {
        Random rng = new Random(seed);
        int rows = 1 + rng.nextInt(4), in = 1 + rng.nextInt(4), n = 1 + rng.nextInt(4);
        double[] xs = TensorArbitraries.gaussian(rng, rows, in).toArray();
        for (int i = 0; i < xs.length; i++) {
            if (rng.nextInt(4) == 0) {
                xs[i] = Double.NaN;
            }
        }
        // no zeros in w: a BLAS may skip 0·NaN, and then the kernels of the two paths might differ
        double[] ws = TensorArbitraries.gaussian(rng, in, n).toArray();
        double[] bs = TensorArbitraries.gaussian(rng, n).toArray();
        if (rng.nextBoolean()) {
            bs[rng.nextInt(n)] = Double.NaN;
        }
        double[] gw = weights(rows * n);
        Tensor x = Tensor.of(xs, rows, in), w = Tensor.of(ws, in, n), b = Tensor.of(bs, n);
        Tensor fused = x.affineRelu(w, b);
        fused.mul(Tensor.constant(gw, rows, n)).sum().backward();
        Tensor x2 = Tensor.of(xs, rows, in), w2 = Tensor.of(ws, in, n), b2 = Tensor.of(bs, n);
        Tensor plain = x2.matmul(w2).add(b2).relu();
        plain.mul(Tensor.constant(gw, rows, n)).sum().backward();
        double[] z = x2.matmul(w2).add(b2).toArray();
        for (int i = 0; i < z.length; i++) {
            assertEquals(Double.isNaN(z[i]), Double.isNaN(fused.toArray()[i]), "NaN pre-activation " + i + " stays NaN");
        }
        assertArrayEquals(plain.toArray(), fused.toArray(), 1e-12);
        assertArrayEquals(x2.grad().toArray(), x.grad().toArray(), 1e-12, "dx");
        assertArrayEquals(w2.grad().toArray(), w.grad().toArray(), 1e-12, "dw");
        assertArrayEquals(b2.grad().toArray(), b.grad().toArray(), 1e-12, "db");
        List<Tensor> graph = graphGradients(v -> v.affineRelu(Tensor.of(ws, in, n), Tensor.of(bs, n)),
                Tensor.of(xs, rows, in), gw);
        assertArrayEquals(x.grad().toArray(), graph.get(0).toArray(), 1e-12, "dx, graph path");
    }

    // ---------------------------------------------------------------- helpers

    /** d(sum(f(x) · w))/dx on the graph path: the gradient is recorded, so the rules' grad-mode-on branches run. */
    private static List<Tensor> graphGradients(Function<Tensor, Tensor> f, Tensor t, double[] w) {
        Tensor x = Tensor.of(t.toArray(), t.shape());
        Tensor y = f.apply(x);
        return Autograd.grad(y.mul(Tensor.constant(w, y.shape())).sum(), List.of(x), true);
    }

    /** Distinct positive upstream weights, so a gradient that went to the wrong element shows. */
    private static double[] weights(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1 + 0.25 * i;
        }
        return w;
    }

    private static double[] iota(int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        return d;
    }

    /** The reduced result reshaped with the reduced axes kept as 1, so it broadcasts over the input. */
    private static Tensor reshapeKept(Tensor reduced, int[] inShape, int[] axes) {
        int[] kept = inShape.clone();
        for (int ax : axes) {
            kept[ax < 0 ? ax + inShape.length : ax] = 1;
        }
        return reduced.reshape(kept);
    }
}
