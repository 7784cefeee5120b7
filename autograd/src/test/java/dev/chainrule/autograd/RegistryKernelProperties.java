package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Registry rows computed on tensors by kernels ({@link UnaryOp#withKernels}, relu) give the
 * row's own numbers: the forward bit for bit, the first-order backward equal to
 * {@code g · d(x)} for every finite g (and +0 where d = 0 even for an infinite or NaN g, as
 * PyTorch's threshold_backward), over arrays mixing ±0, ±∞, NaN and random numbers.
 */
class RegistryKernelProperties {

    static List<UnaryOp> withKernels() {
        return ElementwiseOps.UNARY.stream().filter(o -> o.arrayForward != null).collect(Collectors.toList());
    }

    @Provide
    Arbitrary<double[]> arrays() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(-3, 3),
                Arbitraries.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
                        -Double.MIN_VALUE)).array(double[].class).ofMinSize(0).ofMaxSize(40);
    }

    @Example
    void reluUsesItsKernels() {
        assertTrue(withKernels().contains(ElementwiseOps.RELU));
        assertFalse(withKernels().isEmpty());
    }

    @Property(tries = 100)
    void kernelsGiveTheRowsNumbers(@ForAll("arrays") double[] x, @ForAll("arrays") double[] gs) {
        for (UnaryOp op : withKernels()) {
            double[] y = op.arrayForward.apply(x);
            double[] g = new double[x.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = gs.length == 0 ? 1 : gs[i % gs.length];
            }
            double[] back = op.arrayBackward.apply(g, x);
            for (int i = 0; i < x.length; i++) {
                double want = op.forward.apply(x[i], UnaryOp.NO_PARAMS);
                assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(y[i]), op.name + " at " + x[i]);
                double d = op.derivative.at(x[i], want, UnaryOp.NO_PARAMS);
                if (Double.isFinite(g[i])) {
                    assertTrue(back[i] == g[i] * d, op.name + "'s backward at " + x[i] + " with g " + g[i]);
                } else if (d == 0) {
                    assertEquals(Double.doubleToLongBits(0.0), Double.doubleToLongBits(back[i]), op.name);
                } else {
                    assertEquals(Double.doubleToLongBits(g[i] * d), Double.doubleToLongBits(back[i]), op.name);
                }
            }
        }
    }

    @Property(tries = 30)
    void tensorReluGoesThroughTheKernelsAndMatchesTheRow(@ForAll("arrays") double[] x) {
        Tensor t = Tensor.of(x.clone(), x.length);
        Tensor y = t.relu();
        y.backward(Tensor.ones(x.length));
        for (int i = 0; i < x.length; i++) {
            assertEquals(Double.doubleToLongBits(ElementwiseOps.RELU.forward.apply(x[i], UnaryOp.NO_PARAMS)),
                    Double.doubleToLongBits(y.toArray()[i]));
            assertEquals(ElementwiseOps.RELU.derivative.at(x[i], 0, UnaryOp.NO_PARAMS), t.grad().toArray()[i], 0.0);
        }
    }
}
