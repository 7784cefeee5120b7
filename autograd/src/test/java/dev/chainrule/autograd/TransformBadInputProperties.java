package dev.chainrule.autograd;

import static dev.chainrule.autograd.BadInputs.leaf;
import static dev.chainrule.autograd.BadInputs.refused;
import static dev.chainrule.autograd.BadInputs.succeeds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.testkit.TensorArbitraries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The bad-input standard for the tensor functional transforms ({@link Autograd#jacobian},
 * hessian, vjp, jvp, hvp), for {@link Autograd#grad(List, List, List, boolean, boolean)} and
 * for {@link GradCheck}'s arguments: result shapes as documented for valid calls, clean
 * exceptions naming the op for the rest, and no silent zeros inside a no-grad scope.
 */
class TransformBadInputProperties {

    /**
     * A tensor function to transform.
     *
     * @param name for reports
     * @param f    the function
     */
    record Fn(String name, Function<Tensor, Tensor> f) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Provide
    Arbitrary<Fn> functions() {
        return Arbitraries.of(
                new Fn("sum of squares", t -> t.mul(t).sum()),
                new Fn("square", t -> t.mul(t)),
                new Fn("flatten x 2", t -> t.reshape(-1).mul(2)),
                new Fn("cube mean", t -> t.mul(t).mul(t).mean()),
                new Fn("sum over axis 0", t -> t.dim() == 0 ? t.mul(t) : t.mul(t).sum(0)),
                new Fn("softmax last", t -> t.dim() == 0 ? t.exp() : t.softmax(-1)),
                new Fn("constant", t -> Tensor.ones(2)),
                new Fn("linear", t -> t.mul(3).sum()),
                new Fn("identity", t -> t),
                new Fn("detached", t -> t.detach().mul(2)),
                new Fn("another leaf", t -> Tensor.of(new double[] {1, 2}, 2).mul(2)));
    }

    @Provide
    Arbitrary<int[]> shapes() {
        return TensorArbitraries.edgeShapes(0, 3);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Property(tries = 60)
    void transformsGiveDocumentedShapesOrNameTheOp(@ForAll("functions") Fn fn, @ForAll("shapes") int[] xs,
            @ForAll("shapes") int[] vs, @ForAll boolean vRight) {
        Tensor x = leaf(xs);
        int[] ys = fn.f().apply(leaf(xs)).shape();
        boolean scalar = ReferenceShapes.count(ys) == 1;
        assertArrayEquals(concat(ys, xs), succeeds("Autograd.jacobian", () -> Autograd.jacobian(fn.f(), x)).shape());
        if (scalar) {
            assertArrayEquals(concat(xs, xs), succeeds("Autograd.hessian", () -> Autograd.hessian(fn.f(), x)).shape());
        } else {
            refused("Autograd.hessian", () -> Autograd.hessian(fn.f(), x));
        }
        int[] vy = vRight ? ys : vs, vx = vRight ? xs : vs;
        Tensor v1 = leaf(vy), v2 = leaf(vx);
        if (Arrays.equals(vy, ys)) {
            assertArrayEquals(xs, succeeds("Autograd.vjp", () -> Autograd.vjp(fn.f(), x, v1)).shape());
        } else {
            refused("Autograd.vjp", () -> Autograd.vjp(fn.f(), x, v1));
        }
        if (Arrays.equals(vx, xs)) {
            assertArrayEquals(ys, succeeds("Autograd.jvp", () -> Autograd.jvp(fn.f(), x, v2)).shape());
        } else {
            refused("Autograd.jvp", () -> Autograd.jvp(fn.f(), x, v2));
        }
        if (Arrays.equals(vx, xs) && scalar) {
            assertArrayEquals(xs, succeeds("Autograd.hvp", () -> Autograd.hvp(fn.f(), x, v2)).shape());
        } else {
            refused("Autograd.hvp", () -> Autograd.hvp(fn.f(), x, v2));
        }
        assertTrue(x.grad() == null, "the transforms must not touch x's own gradient");
    }

    /**
     * The transforms build their own graph, so an enclosing no-grad scope changes nothing:
     * the same numbers inside as outside, never silent zeros.
     */
    @Property(tries = 30)
    void transformsIgnoreAnEnclosingNoGradScope(@ForAll("functions") Fn fn, @ForAll("shapes") int[] xs) {
        Tensor x = leaf(xs), v = leaf(xs).mul(0.5).add(0.25).detach();
        Tensor y = fn.f().apply(leaf(xs));
        boolean scalar = y.size() == 1;
        Tensor u = leaf(y.shape()).detach();
        List<double[]> outside = transforms(fn, x, u, v, scalar);
        try (var off = GradMode.disabled()) {
            List<double[]> inside = transforms(fn, x, u, v, scalar);
            for (int i = 0; i < outside.size(); i++) {
                assertEquals(Arrays.toString(outside.get(i)), Arrays.toString(inside.get(i)),
                        fn + ": transform " + i + " differs inside GradMode.disabled()");
            }
            assertFalse(GradMode.isEnabled());
        }
    }

    private static List<double[]> transforms(Fn fn, Tensor x, Tensor u, Tensor v, boolean scalar) {
        List<double[]> out = new ArrayList<>();
        out.add(Autograd.jacobian(fn.f(), x).toArray());
        out.add(Autograd.vjp(fn.f(), x, u).toArray());
        out.add(Autograd.jvp(fn.f(), x, v).toArray());
        if (scalar) {
            out.add(Autograd.hessian(fn.f(), x).toArray());
            out.add(Autograd.hvp(fn.f(), x, v).toArray());
        }
        return out;
    }

    /** A Jacobian or Hessian with more entries than a tensor holds is refused naming the transform, before any backward pass. */
    @Property(tries = 5)
    void jacobiansTooLargeToHoldAreRefused(@ForAll @net.jqwik.api.constraints.IntRange(min = 46341, max = 1 << 17) int n) {
        Tensor x = Tensor.zeros(n);
        refused("Autograd.jacobian", () -> Autograd.jacobian(t -> t.mul(2), x));
        refused("Autograd.hessian", () -> Autograd.hessian(t -> t.mul(t).sum(), x));
    }

    @Example
    void nullArgumentsAreNamed() {
        Tensor x = leaf(2);
        Function<Tensor, Tensor> f = t -> t.mul(t).sum();
        String[] ops = {"Autograd.jacobian", "Autograd.hessian", "Autograd.vjp", "Autograd.jvp", "Autograd.hvp"};
        List<List<BadInputs.Call>> calls = List.of(
                List.of(() -> Autograd.jacobian(null, x), () -> Autograd.jacobian(f, null),
                        () -> Autograd.jacobian(t -> null, x)),
                List.of(() -> Autograd.hessian(null, x), () -> Autograd.hessian(f, null),
                        () -> Autograd.hessian(t -> null, x)),
                List.of(() -> Autograd.vjp(null, x, Tensor.scalar(1)), () -> Autograd.vjp(f, null, Tensor.scalar(1)),
                        () -> Autograd.vjp(f, x, null), () -> Autograd.vjp(t -> null, x, Tensor.scalar(1))),
                List.of(() -> Autograd.jvp(null, x, x), () -> Autograd.jvp(f, null, x), () -> Autograd.jvp(f, x, null),
                        () -> Autograd.jvp(t -> null, x, x)),
                List.of(() -> Autograd.hvp(null, x, x), () -> Autograd.hvp(f, null, x), () -> Autograd.hvp(f, x, null),
                        () -> Autograd.hvp(t -> null, x, x)));
        for (int i = 0; i < ops.length; i++) {
            for (BadInputs.Call c : calls.get(i)) {
                refused(ops[i], c);
            }
        }
    }

    // ---------------------------------------------------------------- Autograd.grad on tensors

    @Property(tries = 80)
    void gradChecksOutputsAndSeeds(@ForAll("shapes") int[] s0, @ForAll("shapes") int[] s1,
            @ForAll("seedShapes") List<int[]> seeds, @ForAll boolean constantOutput) {
        Tensor x = leaf(2);
        Tensor o0 = constantOutput ? Tensor.zeros(s0) : leaf(s0).add(x.sum());
        Tensor o1 = leaf(s1).mul(x.mul(x).sum());
        List<Tensor> outs = List.of(o0, o1);
        List<Tensor> gradOutputs = seeds == null ? null
                : seeds.stream().map(s -> s == null ? null : Tensor.ones(s)).toList();
        boolean valid = !constantOutput && (gradOutputs == null || gradOutputs.size() == 2);
        for (int i = 0; valid && i < 2; i++) {
            int[] seed = seeds == null ? null : seeds.get(i);
            valid = seed == null ? outs.get(i).size() == 1 : Arrays.equals(seed, outs.get(i).shape());
        }
        if (valid) {
            @SuppressWarnings("unchecked")
            List<Tensor> g = (List<Tensor>) BadInputs.succeedsCall("Autograd.grad",
                    () -> Autograd.grad(outs, List.of(x, leaf(3)), gradOutputs, false, false));
            assertArrayEquals(new int[] {2}, g.get(0).shape());
            assertArrayEquals(new int[] {3}, g.get(1).shape()); // not reached: zeros of its shape
        } else {
            refused("Autograd.grad", () -> Autograd.grad(outs, List.of(x), gradOutputs, false, false));
        }
    }

    /** Null (no seeds), or a list of 1 to 3 seed shapes, each possibly null (meaning 1 for a scalar). */
    @Provide
    Arbitrary<List<int[]>> seedShapes() {
        Arbitrary<int[]> seed = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, TensorArbitraries.edgeShapes(0, 3)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((int[]) null)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.just((List<int[]>) null)),
                net.jqwik.api.Tuple.of(5, seed.list().ofMinSize(1).ofMaxSize(3)));
    }

    @Example
    void gradNamesNullLists() {
        Tensor x = leaf(2);
        Tensor y = x.sum();
        refused("Autograd.grad", () -> Autograd.grad(null, List.of(x), null, false, true));
        refused("Autograd.grad", () -> Autograd.grad(List.of(y), null, null, false, true));
        refused("Autograd.grad", () -> Autograd.grad(Arrays.asList(y, null), List.of(x), null, false, true));
        refused("Autograd.grad", () -> Autograd.grad(List.of(y), Arrays.asList(x, null), null, false, true));
        refused("Autograd.grad", () -> Autograd.grad((Tensor) null, List.of(x), false));
    }

    // ---------------------------------------------------------------- GradCheck arguments

    @Property(tries = 40)
    void gradCheckSettingsAreValidated(@ForAll("settings") double step, @ForAll("settings") double atol,
            @ForAll("settings") double rtol) {
        if (step > 0 && Double.isFinite(step)) {
            GradCheck.withDefaults().step(step);
        } else {
            refused("GradCheck.step", () -> GradCheck.withDefaults().step(step));
        }
        if (atol >= 0 && rtol >= 0) {
            GradCheck.withDefaults().tolerance(atol, rtol);
        } else {
            refused("GradCheck.tolerance", () -> GradCheck.withDefaults().tolerance(atol, rtol));
        }
    }

    /** A check at a NaN or infinite point would compare NaN with NaN everywhere: refused, naming the entry. */
    @Property(tries = 30)
    void gradCheckRefusesPointsThatAreNotFinite(@ForAll("settings") double v, @ForAll("shapes") int[] s) {
        Function<List<Value>, Value> f = x -> x.get(0).mul(x.get(1));
        Function<List<Tensor>, Tensor> g = t -> t.get(0).mul(t.get(0)).sum();
        Tensor t = Tensor.full(v, s);
        boolean finite = Double.isFinite(v);
        if (finite) {
            GradCheck.withDefaults().check(f, 0.5, v).assertPassed();
            GradCheck.withDefaults().checkTensors(g, t).assertPassed();
        } else {
            refused("GradCheck.check", () -> GradCheck.withDefaults().check(f, 0.5, v));
            refused("GradCheck.checkSecondOrder", () -> GradCheck.withDefaults().checkSecondOrder(f, 0.5, v));
            if (t.size() > 0) {
                refused("GradCheck.checkTensors", () -> GradCheck.withDefaults().checkTensors(g, t));
                refused("GradCheck.checkTensorsSecondOrder", () -> GradCheck.withDefaults().checkTensorsSecondOrder(g, t));
            }
        }
    }

    @Provide
    Arbitrary<Double> settings() {
        return Arbitraries.of(Double.NaN, Double.NEGATIVE_INFINITY, -1.0, 0.0, 1e-6, 1e-3, Double.POSITIVE_INFINITY);
    }

    @Example
    void gradCheckNamesNullArguments() {
        GradCheck c = GradCheck.withDefaults();
        Function<List<Value>, Value> f = v -> v.get(0).mul(v.get(0));
        Function<List<Tensor>, Tensor> g = t -> t.get(0).mul(t.get(0)).sum();
        refused("GradCheck.check", () -> c.check(null, 1.0));
        refused("GradCheck.check", () -> c.check(f, (double[]) null));
        refused("GradCheck.check", () -> c.check(v -> null, 1.0));
        refused("GradCheck.checkSecondOrder", () -> c.checkSecondOrder(null, 1.0));
        refused("GradCheck.checkSecondOrder", () -> c.checkSecondOrder(f, (double[]) null));
        refused("GradCheck.checkSecondOrder", () -> c.checkSecondOrder(v -> null, 1.0));
        refused("GradCheck.checkTensors", () -> c.checkTensors(null, leaf(2)));
        refused("GradCheck.checkTensors", () -> c.checkTensors(g, (Tensor[]) null));
        refused("GradCheck.checkTensors", () -> c.checkTensors(g, leaf(2), null));
        refused("GradCheck", () -> c.checkTensors(t -> null, leaf(2)));
        refused("GradCheck.checkTensorsSecondOrder", () -> c.checkTensorsSecondOrder(null, leaf(2)));
        refused("GradCheck.checkTensorsSecondOrder", () -> c.checkTensorsSecondOrder(g, (Tensor[]) null));
        refused("GradCheck", () -> c.checkTensorsSecondOrder(t -> null, leaf(2)));
        refused("GradCheck.check", () -> {
            GradCheck.assertGradients(null, 1.0);
            return null;
        });
    }

    /** A correct gradient passes the check inside a no-grad scope too (no false alarm from zeros). */
    @Property(tries = 10)
    void gradCheckIgnoresAnEnclosingNoGradScope(@ForAll("functions") Fn fn, @ForAll("shapes") int[] xs) {
        Assume.that(!fn.name().equals("detached")); // there GradCheck rightly reports analytic 0 vs numeric 2
        Tensor x = leaf(xs).mul(0.3).add(0.1).detach();
        try (var off = GradMode.disabled()) {
            GradCheck.withDefaults().checkTensors(t -> fn.f().apply(t.get(0)), x).assertPassed();
            GradCheck.withDefaults().check(v -> v.get(0).mul(v.get(1)).tanh(), 0.3, -0.7).assertPassed();
        }
    }
}
