package org.example.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Loss;
import dev.chainrule.nn.MLP;
import dev.chainrule.nn.Metrics;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.optim.Adam;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClientTest {

    @Test
    void anMlpLearnsTwoBlobs() {
        var rng = new SplittableRandom(1);
        double[][] xs = new double[200][2];
        int[] labels = new int[200];
        for (int i = 0; i < xs.length; i++) {                  // two noisy blobs
            labels[i] = i % 2;
            xs[i][0] = rng.nextGaussian() * 0.5 + (labels[i] == 0 ? -1 : 1);
            xs[i][1] = rng.nextGaussian() * 0.5 + (labels[i] == 0 ? 1 : -1);
        }
        Dataset.Split split = Dataset.of(xs, labels).split(0.25, 7);
        MLP net = MLP.of(2, 8, 2).activation(Activation.RELU).init(Init.HE).seed(7);
        Adam opt = Adam.of(net.parameters()).lr(1e-2);
        for (int epoch = 0; epoch < 20; epoch++) {
            for (Batch b : DataLoader.of(split.train()).batchSize(32).shuffle(epoch)) {
                opt.zeroGrad();
                Loss.crossEntropy(net.forward(b.x()), b.labels()).backward();
                opt.step();
            }
        }
        double accuracy = Metrics.accuracy(net.forward(split.test().x()), split.test().labels());
        assertTrue(accuracy > 0.95, "held-out accuracy " + accuracy);
    }
}
