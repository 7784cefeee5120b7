package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.Csv;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.data.Standardizer;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.CosineAnnealingLR;
import dev.chainrule.nn.optim.Gradients;
import dev.chainrule.nn.optim.Optimizer;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline on the real handwritten-digits set: CSV, split, standardise, seeded
 * mini-batches, MLP, cross-entropy, Adam with clipping and a cosine schedule; held-out
 * accuracy, and the same seed giving the same run bit for bit.
 */
class TrainingPipelineTest {
    static double[] run(long seed) throws URISyntaxException {
        Dataset digits = Csv.load(Path.of(TrainingPipelineTest.class.getResource("/data/digits.csv.gz").toURI()));
        Dataset.Split split = digits.split(0.2, 42);
        Standardizer z = Standardizer.fit(split.train());
        Dataset train = z.apply(split.train());
        Dataset test = z.apply(split.test());
        MLP net = MLP.of(64, 32, 10).activation(Activation.RELU).init(Init.HE).seed(seed);
        Optimizer opt = Adam.of(net.parameters()).lr(0.01);
        CosineAnnealingLR schedule = new CosineAnnealingLR(opt, 8, 0.001);
        DataLoader loader = DataLoader.of(train).batchSize(32).shuffle(seed);
        double lastLoss = 0;
        for (int epoch = 0; epoch < 8; epoch++) {
            for (Batch b : loader) {
                opt.zeroGrad();
                Tensor loss = Loss.crossEntropy(net.forward(b.x()), b.labels());
                loss.backward();
                Gradients.clipGradNorm(net.parameters(), 5.0);
                opt.step();
                lastLoss = loss.item();
            }
            schedule.step();
        }
        try (var off = GradMode.disabled()) {
            net.eval();
            return new double[] {Metrics.accuracy(net.forward(test.x()), test.labels()), lastLoss};
        }
    }

    @Test
    void digitsReachHighHeldOutAccuracyReproducibly() throws URISyntaxException {
        double[] a = run(7);
        assertTrue(a[0] >= 0.93, "held-out accuracy " + a[0]);
        double[] b = run(7);
        assertEquals(a[0], b[0], 0);
        assertEquals(a[1], b[1], 0, "same seed, same last loss bit for bit");
    }
}
