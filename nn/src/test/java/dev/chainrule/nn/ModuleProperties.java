package dev.chainrule.nn;

import static dev.chainrule.nn.ParameterGradCheck.assertParameterGradients;
import static dev.chainrule.nn.ParameterGradCheck.project;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Linear layers and MLPs of random sizes: gradients in the input (GradCheck) and in every
 * parameter (central differences on the live weights) agree with the engine's, the batch
 * forward equals the row-by-row forward, and a tensor MLP computes what a scalar MLP with
 * the same weights computes, gradients included.
 */
class ModuleProperties {

    @Provide
    Arbitrary<Activation> smooth() {
        return Arbitraries.of(Activation.SIGMOID, Activation.TANH, Activation.IDENTITY);
    }

    @Provide
    Arbitrary<Activation> smoothOutput() {
        return Arbitraries.of(Activation.SIGMOID, Activation.TANH, Activation.IDENTITY, Activation.SOFTMAX);
    }

    @Property(tries = 30)
    void linearGradients(@ForAll @IntRange(min = 1, max = 4) int batch, @ForAll @IntRange(min = 1, max = 4) int in,
                         @ForAll @IntRange(min = 1, max = 4) int out, @ForAll long seed) {
        Draw draw = new Draw(seed);
        Linear layer = new Linear(in, out, Init.XAVIER_UNIFORM, draw.rng());
        draw.rng().nextDouble(); // bias is zero after init: give it numbers so it matters
        layer.bias().setData(draw.uniform(out, -1, 1));
        Tensor x = draw.tensor(-2, 2, batch, in);
        GradCheck.assertTensorGradients(v -> layer.forward(v.get(0)), x);
        assertParameterGradients(layer, () -> project(layer.forward(x), seed));
    }

    @Property(tries = 30)
    void linearOnABatchIsLinearOnEachRow(@ForAll @IntRange(min = 1, max = 5) int batch,
                                         @ForAll @IntRange(min = 1, max = 5) int in,
                                         @ForAll @IntRange(min = 1, max = 5) int out, @ForAll long seed) {
        Draw draw = new Draw(seed);
        Linear layer = new Linear(in, out, Init.HE, draw.rng());
        Tensor x = draw.tensor(-2, 2, batch, in);
        double[] y = layer.forward(x).toArray();
        assertArrayEquals(new int[] {batch, out}, layer.forward(x).shape());
        double[] w = layer.weight().toArray();
        for (int b = 0; b < batch; b++) {
            double[] row = layer.forward(x.indexSelect(0, b).reshape(in)).toArray();
            for (int j = 0; j < out; j++) {
                double expected = 0; // Σ_i x[b][i]·W[j][i] + b[j] with b = 0, W [out, in]
                for (int i = 0; i < in; i++) {
                    expected += x.toArray()[b * in + i] * w[j * in + i];
                }
                assertEquals(expected, y[b * out + j], 1e-12);
                assertEquals(expected, row[j], 1e-12);
            }
        }
    }

    @Property(tries = 25)
    void mlpGradients(@ForAll @Size(min = 2, max = 4) List<@IntRange(min = 1, max = 4) Integer> sizes,
                      @ForAll("smooth") Activation hidden, @ForAll("smoothOutput") Activation output,
                      @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll long seed) {
        int[] s = sizes.stream().mapToInt(Integer::intValue).toArray();
        MLP net = MLP.of(s).activation(hidden).outputActivation(output).init(Init.XAVIER_NORMAL).seed(seed);
        Tensor x = new Draw(seed).tensor(-2, 2, batch, s[0]);
        GradCheck.assertTensorGradients(v -> net.forward(v.get(0)), x);
        assertParameterGradients(net, () -> project(net.forward(x), seed + 1));
    }

    @Property(tries = 25)
    void tensorMlpComputesWhatTheScalarMlpComputes(
            @ForAll @Size(min = 2, max = 4) List<@IntRange(min = 1, max = 4) Integer> sizes,
            @ForAll("smooth") Activation hidden, @ForAll long seed) {
        int[] s = sizes.stream().mapToInt(Integer::intValue).toArray();
        MLP net = MLP.of(s).activation(hidden).init(Init.XAVIER_NORMAL).seed(seed);
        Draw draw = new Draw(~seed);
        for (Linear l : net.layers()) { // non-zero biases, so they matter
            l.bias().setData(draw.uniform(l.bias().size(), -1, 1));
        }
        ScalarMLP scalar = ScalarMLP.of(s).activation(hidden);
        copyWeights(net, scalar, s);
        double[] x = draw.uniform(s[0], -2, 2);
        Tensor out = net.forward(Tensor.constant(x, 1, s[0]));
        List<Value> scalarOut = scalar.forward(x);
        out.sum().backward();
        Value.sum(scalarOut).backward();
        for (int j = 0; j < scalarOut.size(); j++) {
            assertEquals(scalarOut.get(j).data(), out.toArray()[j], 1e-12, "output " + j);
        }
        // same gradients in the same [out, in] layout
        for (int k = 0; k + 1 < s.length; k++) {
            double[] tensorGrad = net.layers().get(k).weight().grad().toArray();
            double[] scalarGrad = scalar.namedParameters().get("layers." + k + ".weight").grad();
            assertArrayEquals(scalarGrad, tensorGrad, 1e-12, "layer " + k);
            assertArrayEquals(scalar.namedParameters().get("layers." + k + ".bias").grad(),
                    net.layers().get(k).bias().grad().toArray(), 1e-12, "layer " + k + " bias");
        }
    }

    /** Gives the scalar net the tensor net's weights: both are [out, in], so they copy as they are. */
    private static void copyWeights(MLP net, ScalarMLP scalar, int[] s) {
        for (int k = 0; k + 1 < s.length; k++) {
            scalar.namedParameters().get("layers." + k + ".weight").set(net.layers().get(k).weight().toArray());
            scalar.namedParameters().get("layers." + k + ".bias").set(net.layers().get(k).bias().toArray());
        }
    }

    @Property(tries = 20)
    void sequentialEqualsComposition(@ForAll @IntRange(min = 1, max = 4) int a, @ForAll @IntRange(min = 1, max = 4) int b,
                                     @ForAll @IntRange(min = 1, max = 4) int c, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Linear first = new Linear(a, b, Init.XAVIER_UNIFORM, rng);
        Linear second = new Linear(b, c, Init.XAVIER_UNIFORM, rng);
        List<Module> parts = new ArrayList<>(List.of(first, ActivationModule.tanh(), second, ActivationModule.softmax()));
        Sequential seq = new Sequential(parts.toArray(new Module[0]));
        Tensor x = new Draw(seed).tensor(-1, 1, 3, a);
        assertArrayEquals(second.forward(first.forward(x).tanh()).softmax(1).toArray(), seq.forward(x).toArray(), 0);
        assertParameterGradients(seq, () -> project(seq.forward(x), seed));
    }
}
