package dev.chainrule.nn;

import static dev.chainrule.nn.ParameterGradCheck.assertParameterGradients;
import static dev.chainrule.nn.ParameterGradCheck.project;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.io.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * BatchNorm1d (train mode, through the batch statistics, and eval mode, through the running
 * ones), LayerNorm and Residual on random shapes: gradients in the input (GradCheck) and in
 * every parameter agree with central differences; MLPs with normalization and residual
 * connections too; running statistics survive a checkpoint.
 */
class NormProperties {

    /** Random affine parameters, so that weight 1 and bias 0 do not hide a wrong gradient. */
    private static void randomize(Module m, Draw draw) {
        for (Parameter p : m.parameters()) {
            p.set(draw.uniform(p.size(), -1.5, 1.5));
        }
    }

    /** The module's gradient with respect to its input and to each of its parameters, against finite differences. */
    private static void assertGradients(Module m, Tensor x, long seed) {
        GradCheck.assertTensorGradients(v -> m.forward(v.get(0)), x);
        assertParameterGradients(m, () -> project(m.forward(x), seed));
    }

    @Property(tries = 30)
    void batchNormTrainGradients(@ForAll @IntRange(min = 2, max = 5) int batch,
                                 @ForAll @IntRange(min = 1, max = 4) int features, @ForAll long seed) {
        Draw draw = new Draw(seed);
        BatchNorm1d bn = new BatchNorm1d(features);
        randomize(bn, draw);
        Tensor x = draw.tensor(-2, 2, batch, features);
        assertGradients(bn, x, seed);
    }

    @Property(tries = 30)
    void batchNormEvalGradients(@ForAll @IntRange(min = 1, max = 5) int batch,
                                @ForAll @IntRange(min = 1, max = 4) int features, @ForAll long seed) {
        Draw draw = new Draw(seed);
        BatchNorm1d bn = new BatchNorm1d(features, 1e-5, 0.3, true);
        randomize(bn, draw);
        bn.forward(draw.tensor(-3, 3, 4, features)); // running statistics away from 0 and 1
        bn.eval();
        Tensor x = draw.tensor(-2, 2, batch, features);
        assertGradients(bn, x, seed);
    }

    @Property(tries = 30)
    void batchNormTrainOutputHasZeroMeanUnitVariance(@ForAll @IntRange(min = 2, max = 6) int batch,
                                                     @ForAll @IntRange(min = 1, max = 4) int features,
                                                     @ForAll long seed) {
        BatchNorm1d bn = new BatchNorm1d(features, 1e-12, 0.1, false);
        Tensor y = bn.forward(new Draw(seed).tensor(-5, 5, batch, features));
        assertArrayEquals(new double[features], y.mean(0).toArray(), 1e-9);
        double[] var = y.var(new int[] {0}, false, 0).toArray();
        for (double v : var) {
            assertEquals(1.0, v, 1e-6);
        }
    }

    @Property(tries = 30)
    void layerNormGradients(@ForAll @IntRange(min = 1, max = 4) int batch,
                            @ForAll @IntRange(min = 2, max = 5) int features, @ForAll long seed) {
        Draw draw = new Draw(seed);
        LayerNorm ln = new LayerNorm(features);
        randomize(ln, draw);
        Tensor x = draw.tensor(-2, 2, batch, features);
        assertGradients(ln, x, seed);
    }

    @Property(tries = 30)
    void residualGradients(@ForAll @IntRange(min = 1, max = 4) int batch,
                           @ForAll @IntRange(min = 1, max = 4) int width, @ForAll long seed) {
        Draw draw = new Draw(seed);
        Linear inner = new Linear(width, width, Init.XAVIER_NORMAL, draw.rng());
        Residual block = new Residual(new Sequential(inner, new ActivationModule(Activation.TANH)));
        Tensor x = draw.tensor(-2, 2, batch, width);
        assertGradients(block, x, seed);
        // x + f(x) exactly
        assertArrayEquals(x.add(inner.forward(x).tanh()).toArray(), block.forward(x).toArray(), 0);
    }

    @Property(tries = 20)
    void mlpWithNormalizationAndResidualGradients(@ForAll @IntRange(min = 2, max = 4) int batch,
                                                  @ForAll @IntRange(min = 1, max = 3) int width,
                                                  @ForAll boolean batchNorm, @ForAll long seed) {
        MLP net = MLP.of(2, width, width, 2).activation(Activation.TANH).seed(seed)
                .normalization(batchNorm ? MLP.Normalization.BATCH_NORM : MLP.Normalization.LAYER_NORM)
                .residual(true);
        Draw draw = new Draw(seed);
        randomize(net, draw);
        Tensor x = draw.tensor(-2, 2, batch, 2);
        GradCheck.assertTensorGradients(v -> net.forward(v.get(0)), x);
        assertParameterGradients(net, () -> project(net.forward(x), seed));
    }

    @Property(tries = 10)
    void runningStatisticsSurviveACheckpoint(@ForAll @IntRange(min = 1, max = 4) int width, @ForAll long seed)
            throws IOException {
        MLP a = MLP.of(3, width, 2).seed(seed).normalization(MLP.Normalization.BATCH_NORM);
        Draw draw = new Draw(seed);
        a.forward(draw.tensor(-3, 3, 5, 3));
        Path file = Files.createTempFile("bn", ".safetensors");
        try {
            Checkpoint.save(file, a);
            MLP b = MLP.of(3, width, 2).seed(seed + 1).normalization(MLP.Normalization.BATCH_NORM);
            Checkpoint.load(file, b);
            assertEquals(a.namedBuffers().keySet(), b.namedBuffers().keySet());
            for (String name : a.namedBuffers().keySet()) {
                assertArrayEquals(a.namedBuffers().get(name).get().toArray(),
                        b.namedBuffers().get(name).get().toArray(), 0, name);
            }
            a.eval();
            b.eval();
            Tensor x = draw.tensor(-1, 1, 2, 3);
            assertArrayEquals(a.forward(x).toArray(), b.forward(x).toArray(), 0);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
