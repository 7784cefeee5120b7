package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Examples for the elementwise and reduction ops: numerical stability at ±1000, the
 * subgradient conventions at kinks and ties (PyTorch's, shared with {@link Value}), and the
 * messages of bad input.
 */
class TensorOpsTest {

    // ---------------------------------------------------------------- stability

    @Test
    void softmaxFamilyIsFiniteAtPlusMinusThousand() {
        Tensor x = Tensor.of(new double[] {1000, -1000, 0, 1000, 1000, -1000}, 2, 3);
        assertArrayEquals(new double[] {1, 0, 0, 0.5, 0.5, 0}, x.softmax(1).toArray(), 1e-15);
        double log2 = Math.log(2);
        assertArrayEquals(new double[] {0, -2000, -1000, -log2, -log2, -2000 - log2}, x.logSoftmax(1).toArray(), 1e-9);
        assertArrayEquals(new double[] {1000, 1000 + log2}, x.logSumExp(1).toArray(), 1e-9);
        assertEquals(1000 + Math.log(3), x.logSumExp().item(), 1e-9);
        assertEquals(1000 + log2, Tensor.constant(new double[] {1000, 1000}, 2).logSumExp().item(), 1e-12);

        for (UnaryOperator<Tensor> f : List.<UnaryOperator<Tensor>>of(t -> t.softmax(1), t -> t.logSoftmax(1),
                t -> t.softmax(0), t -> t.logSoftmax(-2), t -> t.logSumExp(1), t -> t.logSumExp(new int[] {0, 1}, true))) {
            Tensor leaf = Tensor.of(x.toArray(), 2, 3);
            Tensor out = f.apply(leaf);
            assertFinite(out);
            out.backward(Tensor.ones(out.shape()).mul(Tensor.constant(new double[] {0.3}, 1)));
            assertFinite(leaf.grad());
        }
    }

    @Test
    void logSumExpOfInfinitiesHasNoNaN() {
        double inf = Double.POSITIVE_INFINITY;
        assertEquals(-inf, Tensor.constant(new double[] {-inf, -inf}, 2).logSumExp().item());
        assertEquals(inf, Tensor.constant(new double[] {inf, 1}, 2).logSumExp().item());
        assertArrayEquals(new double[] {1, 0}, Tensor.constant(new double[] {0, -inf}, 2).softmax(0).toArray(), 0);
    }

    @Test
    void sigmoidAndSoftplusDoNotOverflow() {
        Tensor x = Tensor.of(new double[] {-1000, 1000}, 2);
        assertArrayEquals(new double[] {0, 1}, x.sigmoid().toArray(), 0);
        assertArrayEquals(new double[] {0, 1000}, x.softplus().toArray(), 0);
        x.softplus().sum().backward();
        assertArrayEquals(new double[] {0, 1}, x.grad().toArray(), 0);
    }

    // ---------------------------------------------------------------- conventions

    @Test
    void kinksTakePyTorchSubgradientsLikeValue() {
        double[] at = {-1, 0, 2};
        assertGrad(at, Tensor::abs, new double[] {-1, 0, 1});
        assertGrad(at, Tensor::relu, new double[] {0, 0, 1});
        assertGrad(at, t -> t.leakyRelu(0.1), new double[] {0.1, 0.1, 1});
        assertGrad(at, Tensor::step, new double[] {0, 0, 0});
        assertGrad(at, t -> t.clamp(-1, 2), new double[] {1, 1, 1}); // bounds included, as torch.clamp
        assertGrad(at, t -> t.clamp(-0.5, 1), new double[] {0, 1, 0});
        // the same points through the scalar engine agree
        List<UnaryOperator<Value>> scalarOps = List.of(Value::abs, Value::relu, v -> v.leakyRelu(0.1), Value::step);
        List<UnaryOperator<Tensor>> tensorOps = List.of(Tensor::abs, Tensor::relu, t -> t.leakyRelu(0.1), Tensor::step);
        for (int k = 0; k < scalarOps.size(); k++) {
            for (double x : at) {
                Value v = Value.of(x);
                scalarOps.get(k).apply(v).backward();
                Tensor t = Tensor.of(new double[] {x});
                tensorOps.get(k).apply(t).sum().backward();
                assertEquals(v.grad(), t.grad().toArray()[0], 0, "op " + k + " at " + x);
            }
        }
    }

    @Test
    void tiesSplitTheGradientEvenly() {
        Tensor a = Tensor.of(new double[] {1, 2, 3}, 3);
        Tensor b = Tensor.of(new double[] {1, 5, 0}, 3);
        a.max(b).sum().backward();
        assertArrayEquals(new double[] {0.5, 0, 1}, a.grad().toArray(), 0);
        assertArrayEquals(new double[] {0.5, 1, 0}, b.grad().toArray(), 0);
        Value va = Value.of(1), vb = Value.of(1);
        va.max(vb).backward();
        assertEquals(va.grad(), 0.5);

        Tensor m = Tensor.of(new double[] {3, 1, 3, 2, 2, 2}, 2, 3);
        m.max(1).sum().backward();
        double third = 1.0 / 3;
        assertArrayEquals(new double[] {0.5, 0, 0.5, third, third, third}, m.grad().toArray(), 1e-15);
        m.zeroGrad();
        m.min().backward();
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 0}, m.grad().toArray(), 0);
    }

    @Test
    void powConventionsAtZeroGiveNoNaN() {
        Tensor a = Tensor.of(new double[] {0, 0, 2}, 3);
        Tensor b = Tensor.of(new double[] {0, 2, 0}, 3);
        a.pow(b).sum().backward();
        assertArrayEquals(new double[] {0, 0, 0}, a.grad().toArray(), 0); // b = 0 -> d/da = 0; 2*0^1 = 0
        assertArrayEquals(new double[] {0, 0, Math.log(2)}, b.grad().toArray(), 1e-15); // a = 0, b >= 0 -> 0

        Tensor x = Tensor.of(new double[] {0, 3}, 2);
        x.pow(0).sum().backward();
        assertArrayEquals(new double[] {0, 0}, x.grad().toArray(), 0);
        // second order through the masked entries stays finite
        Tensor a2 = Tensor.of(new double[] {0, 0.5}, 2);
        Tensor b2 = Tensor.of(new double[] {0, 1.5}, 2);
        List<Tensor> g = Autograd.grad(List.of(a2.pow(b2).sum()), List.of(a2, b2), null, true, true);
        g.get(0).add(g.get(1)).sum().backward();
        assertFinite(a2.grad());
        assertFinite(b2.grad());
    }

    @Test
    void whereRoutesGradientsAndTheMaskGetsNone() {
        Tensor mask = Tensor.of(new double[] {1, 0}, 2);
        Tensor a = Tensor.of(new double[] {10, 20}, 2);
        Tensor b = Tensor.of(new double[] {7}, 1);
        Tensor w = Tensor.where(mask, a, b);
        assertArrayEquals(new double[] {10, 7}, w.toArray(), 0);
        w.backward(Tensor.constant(new double[] {Double.POSITIVE_INFINITY, 3}, 2));
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 0}, a.grad().toArray(), 0); // selected, not 0*inf
        assertArrayEquals(new double[] {3}, b.grad().toArray(), 0); // summed back to [1]
        assertEquals(null, mask.grad());
    }

    @Test
    void varianceFollowsPyTorchCorrection() {
        Tensor x = Tensor.constant(new double[] {1, 2, 3, 4}, 2, 2);
        assertEquals(5.0 / 3, x.var().item(), 1e-15);
        assertEquals(1.25, x.var(new int[] {0, 1}, false, 0).item(), 1e-15);
        assertArrayEquals(new double[] {0.5, 0.5}, x.var(1, false).toArray(), 1e-15);
        assertArrayEquals(new int[] {1, 2}, x.var(0, true).shape());
        assertTrue(Double.isNaN(Tensor.constant(new double[] {3}, 1).var().item()), "one element, N - 1 = 0");
    }

    @Test
    void reductionShapesAndEmptyAxes() {
        Tensor x = Tensor.of(new double[24], 2, 3, 4);
        assertArrayEquals(new int[] {2, 4}, x.sum(1).shape());
        assertArrayEquals(new int[] {2, 1, 4}, x.mean(-2, true).shape());
        assertArrayEquals(new int[] {3}, x.max(new int[] {2, 0}, false).shape());
        assertArrayEquals(new int[] {1, 1, 1}, x.logSumExp(new int[] {0, 1, 2}, true).shape());
        assertArrayEquals(new int[0], x.min(new int[] {-1, -2, -3}, false).shape());
        assertSame(x, x.sum(new int[0], false), "no axes: nothing reduced, as NumPy");
        Tensor s = Tensor.scalar(4);
        assertEquals(4, s.max().item());
        assertEquals(4, s.logSumExp().item());
        Tensor empty = Tensor.of(new double[0], 2, 0);
        assertArrayEquals(new double[] {0, 0}, empty.sum(1).toArray(), 0);
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY},
                empty.logSumExp(1).toArray(), 0);
        assertArrayEquals(new int[] {0}, empty.max(0).shape(), "reducing a non-empty axis of an empty tensor");
    }

    @Test
    void comparisonsAndTheirDoubleOverloadsAreConstants() {
        Tensor x = Tensor.of(new double[] {1, 2, 3}, 3);
        assertArrayEquals(new double[] {0, 1, 1}, x.ge(2).toArray(), 0);
        assertArrayEquals(new double[] {1, 0, 0}, x.lt(Tensor.scalar(2)).toArray(), 0);
        assertArrayEquals(new double[] {0, 1, 0}, x.eq(2).toArray(), 0);
        assertFalse(x.gt(1).requiresGrad());
        assertArrayEquals(new double[] {0}, Tensor.scalar(Double.NaN).eq(Double.NaN).toArray(), 0);
    }

    // ---------------------------------------------------------------- higher order

    @Test
    void rulesAreDifferentiableToAnyOrder() {
        double[] at = {-0.7, 0.2, 1.3};
        // d³/dx³ of Σ f(x), elementwise, by differentiating the gradient graph twice
        assertThirdDerivative(at, Tensor::sin, x -> -Math.cos(x));
        assertThirdDerivative(at, Tensor::exp, Math::exp);
        assertThirdDerivative(at, t -> t.pow(4), x -> 24 * x);
        assertThirdDerivative(at, t -> t.mul(2).exp().add(1).log(), x -> {
            double s = 1 / (1 + Math.exp(-2 * x)); // d/dx log(1 + e^2x) = 2 s(2x)
            return 8 * s * (1 - s) * (1 - 2 * s);
        });
        assertThirdDerivative(at, Tensor::tanh, x -> {
            double t = Math.tanh(x);
            return -2 * (1 - t * t) * (1 - 3 * t * t);
        });
    }

    private static void assertThirdDerivative(double[] at, UnaryOperator<Tensor> f,
                                              java.util.function.DoubleUnaryOperator expected) {
        Tensor x = Tensor.of(at, at.length);
        Tensor y = f.apply(x).sum();
        for (int order = 0; order < 2; order++) {
            y = Autograd.grad(List.of(y), List.of(x), null, true, true).get(0).sum();
        }
        y.backward();
        assertArrayEquals(Arrays.stream(at).map(expected).toArray(), x.grad().toArray(), 1e-9);
    }

    // ---------------------------------------------------------------- errors

    @Test
    void shapeMismatchNamesTheOpAndBothShapes() {
        Tensor a = Tensor.of(new double[6], 2, 3);
        Tensor b = Tensor.of(new double[8], 2, 4);
        for (String op : List.of("add", "sub", "mul", "div", "pow", "maximum", "minimum", "atan2", "gt", "eq")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> binary(op, a, b));
            assertTrue(e.getMessage().startsWith(op + ":"), e.getMessage());
            assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 4]"), e.getMessage());
        }
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                () -> Tensor.where(Tensor.ones(4), a, Tensor.zeros(2, 1)));
        assertTrue(w.getMessage().contains("where") && w.getMessage().contains("[4]")
                && w.getMessage().contains("[2, 3]") && w.getMessage().contains("[2, 1]"), w.getMessage());
        assertThrows(NullPointerException.class, () -> a.sub(null));
        assertThrows(NullPointerException.class, () -> Tensor.where(null, a, a));
    }

    @Test
    void badAxesAreRefusedNamingTheOp() {
        Tensor x = Tensor.of(new double[6], 2, 3);
        assertMessage(() -> x.sum(2), "sum: axis 2 is out of range for a tensor with 2 dimensions");
        assertMessage(() -> x.mean(-3), "mean: axis -3 is out of range");
        assertMessage(() -> x.max(new int[] {1, -1}, false), "max: axis -1 is repeated");
        assertMessage(() -> x.logSumExp(5, true), "logSumExp: axis 5");
        assertMessage(() -> x.var(new int[] {7}, false), "var: axis 7");
        assertMessage(() -> x.softmax(2), "softmax: axis 2");
        assertMessage(() -> x.logSoftmax(-3), "logSoftmax: axis -3");
        assertMessage(() -> Tensor.scalar(1).sum(0), "sum: axis 0 is out of range for a tensor with 0 dimensions");
        assertMessage(() -> x.min(new int[] {1}, false).min(new int[] {0, 0}, true), "min: axis 0 is repeated");
        assertMessage(() -> Tensor.of(new double[0], 0, 2).max(0), "max: cannot reduce shape [0, 2]");
        assertMessage(() -> x.var(new int[] {0}, false, -1), "var: correction -1 is negative");
        assertMessage(() -> x.clamp(1, 0), "clamp: bounds [1.0, 0.0]");
        assertMessage(() -> x.clamp(Double.NaN, 0), "clamp: parameter min is NaN");
        assertThrows(NullPointerException.class, () -> x.sum(null, true));
    }

    // ---------------------------------------------------------------- helpers

    private static Tensor binary(String op, Tensor a, Tensor b) {
        switch (op) {
            case "add": return a.add(b);
            case "sub": return a.sub(b);
            case "mul": return a.mul(b);
            case "div": return a.div(b);
            case "pow": return a.pow(b);
            case "maximum": return a.maximum(b);
            case "minimum": return a.minimum(b);
            case "atan2": return a.atan2(b);
            case "gt": return a.gt(b);
            case "eq": return a.eq(b);
            default: throw new IllegalArgumentException(op);
        }
    }

    private static void assertGrad(double[] at, UnaryOperator<Tensor> f, double[] expected) {
        Tensor x = Tensor.of(at, at.length);
        f.apply(x).sum().backward();
        assertArrayEquals(expected, x.grad().toArray(), 0, () -> "gradient at " + Arrays.toString(at));
    }

    private static void assertMessage(Executable call, String start) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(start), () -> "message '" + e.getMessage() + "' should start with '" + start + "'");
    }

    private static void assertFinite(Tensor t) {
        for (double d : t.toArray()) {
            assertTrue(Double.isFinite(d), () -> "not finite: " + t);
        }
    }
}
