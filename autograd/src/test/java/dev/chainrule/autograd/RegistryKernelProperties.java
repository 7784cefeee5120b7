package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.kernel.Kernels;
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
 * PyTorch's threshold_backward), over arrays mixing ±0, ±∞, NaN and random numbers; the
 * float32 kernels likewise against the row rounded to float32, and a float32 tensor's relu
 * goes through them.
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

    @Provide
    Arbitrary<float[]> floatArrays() {
        return Arbitraries.oneOf(Arbitraries.floats().between(-3, 3),
                Arbitraries.of(0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
                        -Float.MIN_VALUE, Float.MAX_VALUE)).array(float[].class).ofMinSize(0).ofMaxSize(40);
    }

    @Example
    void reluUsesItsKernels() {
        assertTrue(withKernels().contains(ElementwiseOps.RELU));
        assertFalse(withKernels().isEmpty());
        for (UnaryOp op : withKernels()) {
            assertTrue(op.arrayForward32 != null && op.arrayBackward32 != null, op.name + " has float32 kernels too");
        }
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

    @Property(tries = 100)
    void float32KernelsGiveTheRowsNumbersRoundedToFloat(@ForAll("floatArrays") float[] x, @ForAll("floatArrays") float[] gs) {
        for (UnaryOp op : withKernels()) {
            float[] y = op.arrayForward32.apply(x);
            float[] g = new float[x.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = gs.length == 0 ? 1 : gs[i % gs.length];
            }
            float[] back = op.arrayBackward32.apply(g, x);
            for (int i = 0; i < x.length; i++) {
                double want = op.forward.apply(x[i], UnaryOp.NO_PARAMS);
                assertEquals(Float.floatToIntBits((float) want), Float.floatToIntBits(y[i]), op.name + " at " + x[i]);
                double d = op.derivative.at(x[i], want, UnaryOp.NO_PARAMS);
                if (Float.isFinite(g[i])) {
                    assertTrue(back[i] == (float) (g[i] * d), op.name + "'s float32 backward at " + x[i] + " with g " + g[i]);
                } else if (d == 0) {
                    assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(back[i]), op.name);
                } else {
                    assertEquals(Float.floatToIntBits((float) (g[i] * d)), Float.floatToIntBits(back[i]), op.name);
                }
            }
        }
    }

    @Property(tries = 30)
    void float32TensorReluGoesThroughTheKernelsAndMatchesTheRow(@ForAll("floatArrays") float[] x) {
        Tensor t = Tensor.of(x.clone(), x.length);
        Tensor y = t.relu();
        assertEquals(DType.F32, y.dtype());
        float[] g = new float[x.length];
        java.util.Arrays.fill(g, 1);
        y.backward(Tensor.of(g, x.length));
        assertEquals(DType.F32, t.grad().dtype());
        float[] got = y.toFloatArray(), grad = t.grad().toFloatArray();
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToIntBits((float) ElementwiseOps.RELU.forward.apply(x[i], UnaryOp.NO_PARAMS)),
                    Float.floatToIntBits(got[i]), "relu at " + x[i]);
            assertEquals((float) ElementwiseOps.RELU.derivative.at(x[i], 0, UnaryOp.NO_PARAMS), grad[i], 0f,
                    "relu's gradient at " + x[i]);
        }
        // the kernel and the tensor agree bit for bit, so the tensor path cannot have been a different formula
        assertEquals(java.util.Arrays.toString(Kernels.relu(x)), java.util.Arrays.toString(got));
    }
}
