package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.Csv;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.data.Standardizer;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.optim.SGD;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Softmax classifiers on the iris data (150 samples, 4 features, 3 classes). */
class IrisClassifierTest {
    private static Dataset iris;

    @BeforeAll
    static void load() {
        Dataset raw;
        try {
            raw = Csv.load(Path.of(IrisClassifierTest.class.getResource("/data/iris.csv").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        iris = Standardizer.fit(raw).apply(raw);
    }

    /** Multinomial logistic regression: one Linear layer, softmax in the loss, full-batch gradient descent. */
    @Test
    void softmaxRegressionFitsTheTrainingSet() {
        Linear model = new Linear(4, 3, Init.XAVIER_UNIFORM, new SplittableRandom(0));
        Optimizer opt = SGD.of(model.parameters()).lr(0.5);
        Tensor x = iris.x();
        int[] y = iris.labels();
        double first = Loss.crossEntropy(model.forward(x), y).item();
        double last = first;
        for (int epoch = 0; epoch < 200; epoch++) {
            opt.zeroGrad();
            Tensor loss = Loss.crossEntropy(model.forward(x), y);
            loss.backward();
            opt.step();
            last = loss.item();
        }
        double accuracy = Metrics.accuracy(model.forward(x), y);
        assertTrue(accuracy > 0.9, "train accuracy " + accuracy);
        assertTrue(last < first / 3, "loss went from " + first + " to " + last);
        // the softmax outputs are probabilities
        double[] p = ActivationModule.softmax().forward(model.forward(x)).toArray();
        for (int i = 0; i < 150; i++) {
            assertEquals(1, p[3 * i] + p[3 * i + 1] + p[3 * i + 2], 1e-12);
        }
    }

    /** A small MLP with mini-batches from the DataLoader and Adam generalises to held-out samples. */
    @Test
    void mlpWithMiniBatchesGeneralises() {
        Dataset.Split split = iris.split(0.2, 7);
        MLP net = MLP.of(4, 16, 3).activation(Activation.TANH).init(Init.XAVIER).seed(7);
        Optimizer opt = Adam.of(net.parameters()).lr(0.02);
        DataLoader loader = DataLoader.of(split.train()).batchSize(16).shuffle(7);
        for (int epoch = 0; epoch < 60; epoch++) {
            for (Batch b : loader) {
                opt.zeroGrad();
                Loss.crossEntropy(net.forward(b.x()), b.labels()).backward();
                opt.step();
            }
        }
        net.eval();
        double train = Metrics.accuracy(net.forward(split.train().x()), split.train().labels());
        double test = Metrics.accuracy(net.forward(split.test().x()), split.test().labels());
        assertTrue(train > 0.95, "train accuracy " + train);
        assertTrue(test > 0.85, "test accuracy " + test);
    }
}
