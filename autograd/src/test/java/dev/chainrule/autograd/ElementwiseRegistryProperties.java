package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.RegistryTesting.BinaryCase;
import dev.chainrule.autograd.RegistryTesting.UnaryCase;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The generic tests every registry op ({@link ElementwiseOps}) gets from its declaration:
 * first- and second-order gradient checks on random shapes (broadcasting pairs for binary
 * ops), Value/Tensor agreement, refusal of bad parameters; and the completeness checks that
 * fail when an op has no test spec or a public elementwise method bypasses the registry.
 */
class ElementwiseRegistryProperties {

    /**
     * Public methods of Tensor/Value taking only doubles and their own type that are not
     * registry ops: arithmetic (structural, see {@link ElementwiseOps}), aliases and
     * non-elementwise ops. A new elementwise method must be registered or listed here.
     */
    private static final Set<String> NOT_REGISTRY = Set.of(
            "add", "sub", "mul", "div", "pow", "neg", // arithmetic: ScalarOp / Elementwise rows
            "max", "min", // aliases of maximum / minimum (without arguments: reductions)
            "gt", "ge", "lt", "le", "eq", // comparisons: constant masks, no gradient
            "sum", "mean", "detach", "toLeaf", "zeroGrad", "setGrad", "label", "retainGrad", "grad", "matmul",
            "softmax", "logSoftmax", "logSumExp", "var", "transpose", "flatten", "t", "clone", "contiguous",
            "expand", "sumTo", "item", "copy", "dot", "mT", "squeeze", "unsqueeze", "reshape", "view", "norm",
            "std", "prod", "trace", "diagonal", "requiresGrad", "T",
            "affine", "affineRelu", "linear", "linearRelu", // fused linear layers (AffineOps)
            "argmax", "argmin", "median", "maskedFill"); // reductions and selection

    // ---------------------------------------------------------------- completeness

    @Example
    void everyOpHasACompleteTestSpec() {
        Set<String> names = new HashSet<>();
        for (UnaryOp op : ElementwiseOps.UNARY) {
            assertTrue(names.add(op.name), "two registry ops are named " + op.name);
            assertNotNull(op.spec, op.name + " is registered without a test spec");
            assertTrue(op.spec.lo() < op.spec.hi(), op.name + ": empty sampling interval");
            assertFalse(op.spec.paramSets().isEmpty(), op.name + ": no parameter set to test with");
            for (double[] p : op.spec.paramSets()) {
                assertEquals(op.params.size(), p.length, op.name + ": a test parameter set has the wrong length");
            }
            if (!op.params.isEmpty() && op.check != null) {
                // a parameterized op either refuses something or says it accepts everything finite
                assertNotNull(op.spec.badParams(), op.name);
            }
            if (op.rule == null) {
                assertFalse(op.spec.secondOrder(), op.name + " has a piecewise-constant derivative: second order is 0");
            }
        }
        for (BinaryOp op : ElementwiseOps.BINARY) {
            assertTrue(names.add(op.name), "two registry ops are named " + op.name);
            assertNotNull(op.spec, op.name + " is registered without a test spec");
        }
    }

    @Example
    void everyPublicElementwiseMethodIsARegistryOp() {
        Set<String> registered = new HashSet<>(ElementwiseOps.TERNARY);
        ElementwiseOps.UNARY.forEach(o -> registered.add(o.name));
        ElementwiseOps.BINARY.forEach(o -> registered.add(o.name));
        for (Class<?> type : List.of(Tensor.class, Value.class)) {
            Set<String> missing = new TreeSet<>();
            for (String name : elementwiseMethods(type)) {
                if (!registered.contains(name) && !NOT_REGISTRY.contains(name)) {
                    missing.add(name);
                }
            }
            assertTrue(missing.isEmpty(), type.getSimpleName() + " has elementwise methods outside the op registry "
                    + "(declare them in ElementwiseOps or list them in NOT_REGISTRY): " + missing);
        }
        Set<String> tensorMethods = elementwiseMethods(Tensor.class);
        Set<String> valueMethods = elementwiseMethods(Value.class);
        for (UnaryOp op : ElementwiseOps.UNARY) {
            assertTrue(tensorMethods.contains(op.name), "Tensor has no method " + op.name);
            assertEquals(op.scalar, valueMethods.contains(op.name), "Value." + op.name + " vs the registry's scalar flag");
        }
        for (BinaryOp op : ElementwiseOps.BINARY) {
            assertTrue(tensorMethods.contains(op.name), "Tensor has no method " + op.name);
            assertEquals(op.scalar, valueMethods.contains(op.name), "Value." + op.name);
        }
    }

    /** Public instance methods returning {@code type} whose parameters are all doubles or {@code type}. */
    static Set<String> elementwiseMethods(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getReturnType() != type || m.isBridge()) {
                continue;
            }
            boolean onlyNumbers = Arrays.stream(m.getParameterTypes()).allMatch(c -> c == double.class || c == type);
            if (onlyNumbers) {
                names.add(m.getName());
            }
        }
        return names;
    }

    // ---------------------------------------------------------------- gradients

    @Provide
    Arbitrary<UnaryCase> unaryCases() {
        return RegistryTesting.unaryCases();
    }

    @Provide
    Arbitrary<BinaryCase> binaryCases() {
        return RegistryTesting.binaryCases();
    }

    /** Every op and parameter set at least once per run (the property below samples ops at random). */
    @Example
    void everyUnaryOpFirstAndSecondOrder() {
        for (UnaryCase c : RegistryTesting.everyUnaryCase(12)) {
            checkUnary(c);
        }
    }

    @Property(tries = 150)
    void unaryOpsOnRandomShapes(@ForAll("unaryCases") UnaryCase c) {
        checkUnary(c);
    }

    /**
     * Tensor gradient by finite differences, and second order through f(x)·f(x) (so the rule
     * runs on a recorded gradient); smooth ops also directly; and the scalar engine on each element.
     */
    private static void checkUnary(UnaryCase c) {
        TensorTesting.checkGradients(x -> c.op().apply(x, c.p()), c.x());
        // the graph rule (what second order differentiates) against the checked numeric derivative
        Tensor fast = c.x().detach().toLeaf();
        c.op().apply(fast, c.p()).sum().backward();
        Tensor s = c.x().detach().toLeaf();
        Tensor graph = Autograd.grad(c.op().apply(s, c.p()).sum(), List.of(s), true).get(0);
        TensorTesting.assertClose(fast.grad().toArray(), graph.toArray(), 1e-12, c + ": graph rule vs numeric derivative");
        if (c.op().spec.secondOrder()) {
            GradCheck.assertTensorSecondOrder(v -> c.op().apply(v.get(0), c.p()).sum(), c.x());
        }
        if (c.op().scalar && c.x().size() > 0) {
            double x0 = c.x().toArray()[0];
            GradCheck.assertGradients(v -> c.op().apply(v.get(0), c.p()), x0);
            Value v0 = Value.of(x0);
            double graph0 = Autograd.grad(c.op().apply(v0, c.p()), List.of(v0), true).get(0).data();
            assertEquals(fast.grad().toArray()[0], graph0, 1e-12 * Math.max(1, Math.abs(graph0)), c + ": Value's graph rule");
            GradCheck.assertSecondOrder(v -> {
                Value y = c.op().apply(v.get(0), c.p());
                return y.mul(y);
            }, x0);
        }
    }

    @Property(tries = 60)
    void binaryOpsOnBroadcastingPairs(@ForAll("binaryCases") BinaryCase c) {
        TensorTesting.checkGradientsOfAll(v -> c.op().apply(v.get(0), v.get(1)), c.a(), c.b());
        Tensor fa = c.a().detach().toLeaf(), fb = c.b().detach().toLeaf();
        c.op().apply(fa, fb).sum().backward();
        Tensor ga = c.a().detach().toLeaf(), gb = c.b().detach().toLeaf();
        List<Tensor> graph = Autograd.grad(c.op().apply(ga, gb).sum(), List.of(ga, gb), true);
        TensorTesting.assertClose(fa.grad().toArray(), graph.get(0).toArray(), 1e-12, c + ": graph rule, a");
        TensorTesting.assertClose(fb.grad().toArray(), graph.get(1).toArray(), 1e-12, c + ": graph rule, b");
        if (c.op().spec.secondOrder()) {
            GradCheck.assertTensorSecondOrder(v -> c.op().apply(v.get(0), v.get(1)).sum(), c.a(), c.b());
        }
    }

    // ---------------------------------------------------------------- engines agree

    @Property(tries = 100)
    void valueAndTensorAgree(@ForAll("unaryCases") UnaryCase c) {
        if (!c.op().scalar) {
            return;
        }
        Tensor t = c.x().detach().toLeaf();
        c.op().apply(t, c.p()).sum().backward();
        double[] xs = c.x().toArray(), ty = c.op().apply(c.x().detach(), c.p()).toArray(), tg = t.grad().toArray();
        for (int i = 0; i < xs.length; i++) {
            Value v = Value.of(xs[i]);
            Value y = c.op().apply(v, c.p());
            y.backward();
            assertEquals(ty[i], y.data(), 0, c + ": forward at " + xs[i]);
            assertEquals(tg[i], v.grad(), 1e-15 * Math.max(1, Math.abs(tg[i])), c + ": gradient at " + xs[i]);
        }
    }

    @Property(tries = 40)
    void binaryValueAndTensorAgree(@ForAll("binaryCases") BinaryCase c) {
        int[] shape = c.op().apply(c.a().detach(), c.b().detach()).shape();
        Tensor a = c.a().detach().expand(shape).toLeaf(), b = c.b().detach().expand(shape).toLeaf();
        Tensor y = c.op().apply(a, b);
        y.sum().backward();
        double[] av = a.toArray(), bv = b.toArray(), yv = y.toArray(), ga = a.grad().toArray(), gb = b.grad().toArray();
        for (int i = 0; i < yv.length; i++) {
            Value va = Value.of(av[i]), vb = Value.of(bv[i]);
            Value vy = c.op().apply(va, vb);
            vy.backward();
            assertEquals(yv[i], vy.data(), 0, c + ": forward");
            assertEquals(ga[i], va.grad(), 1e-15, c + ": gradient of a");
            assertEquals(gb[i], vb.grad(), 1e-15, c + ": gradient of b");
        }
    }

    // ---------------------------------------------------------------- bad input

    @Example
    void badParametersAreRefusedNamingTheOp() {
        for (UnaryOp op : ElementwiseOps.UNARY) {
            Tensor x = Tensor.of(new double[] {0.5, 1}, 2);
            for (double[] bad : op.spec.badParams()) {
                var e = assertThrows(IllegalArgumentException.class, () -> op.apply(x, bad), op.name + Arrays.toString(bad));
                assertTrue(e.getMessage().startsWith(op.name + ":"), e.getMessage());
                if (op.scalar) {
                    var ev = assertThrows(IllegalArgumentException.class, () -> op.apply(Value.of(0.5), bad));
                    assertTrue(ev.getMessage().startsWith(op.name + ":"), ev.getMessage());
                }
            }
            if (!op.params.isEmpty()) { // NaN parameters never pass silently
                double[] nan = new double[op.params.size()];
                Arrays.fill(nan, Double.NaN);
                var e = assertThrows(IllegalArgumentException.class, () -> op.apply(x, nan));
                assertTrue(e.getMessage().startsWith(op.name + ":"), e.getMessage());
            }
        }
    }

    @Example
    void namedBadInputsFromTheIssue() {
        Tensor x = Tensor.of(new double[] {0.5}, 1);
        assertThrows(IllegalArgumentException.class, () -> x.celu(0));
        assertThrows(IllegalArgumentException.class, () -> x.hardtanh(1, -1));
        assertThrows(IllegalArgumentException.class, () -> x.softplus(0, 20));
        assertThrows(IllegalArgumentException.class, () -> x.softplus(-1, 20));
        assertThrows(IllegalArgumentException.class, () -> Value.of(1).celu(0));
        assertThrows(NullPointerException.class, () -> x.maximum((Tensor) null));
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[] {0.5, 1}, 2).atan2(Tensor.zeros(3)));
    }

    // ---------------------------------------------------------------- lerp (see also LerpProperties)

    @Property(tries = 30)
    void lerpGradients(@ForAll("binaryCases") BinaryCase c) {
        Tensor w = Tensor.of(new double[] {0.3}, 1);
        TensorTesting.checkGradientsOfAll(v -> v.get(0).lerp(v.get(1), v.get(2)), c.a(), c.b(), w);
        TensorTesting.checkGradientsOfAll(v -> v.get(0).lerp(v.get(1), 0.7), c.a(), c.b());
        double a0 = c.a().toArray()[0], b0 = c.b().toArray()[0];
        GradCheck.assertGradients(v -> v.get(0).lerp(v.get(1), v.get(2)), a0, b0, 0.3);
        GradCheck.assertSecondOrder(v -> v.get(0).lerp(v.get(1), v.get(2)).square(), a0, b0, 0.3);
    }
}
