package dev.chainrule.examples;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Value;
import dev.chainrule.nn.Reduction;
import dev.chainrule.nn.ScalarLoss;
import dev.chainrule.nn.ScalarMLP;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Trains a one-output {@link ScalarMLP} of {@code Value}s as a binary classifier, micrograd
 * style: every sample's forward pass is a scalar graph, the batch loss is one more node, one
 * {@code backward()} per batch. The score's sign is the prediction (class 1 when positive).
 */
final class ScalarTrainer {
    /** The loss on the score s of a sample with label y in {0, 1}. */
    enum Loss {
        /** max(0, 1 - t s) with t = +1 for class 1, -1 for class 0. */
        HINGE,
        /** Binary cross-entropy of sigmoid(s), computed stably from the logit. */
        LOGISTIC
    }

    private final ScalarMLP model;
    private final Optimizer optimizer;
    private final Loss loss;

    ScalarTrainer(ScalarMLP model, Optimizer optimizer, Loss loss) {
        this.model = model;
        this.optimizer = optimizer;
        this.loss = loss;
    }

    /** Loss and accuracy after each epoch. */
    record History(double[] loss, double[] accuracy) {
        double finalAccuracy() {
            return accuracy.length == 0 ? Double.NaN : accuracy[accuracy.length - 1];
        }
    }

    /** Trains for {@code epochs} passes over {@code data} in shuffled batches drawn from {@code seed}. */
    History fit(Dataset data, int epochs, int batchSize, long seed, Progress progress) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = data.rows();
        int[] y = data.labels();
        int[] order = new int[x.length];
        Arrays.setAll(order, i -> i);
        double[] lossCurve = new double[epochs], accCurve = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(order, rng);
            double lossSum = 0;
            for (int start = 0; start < order.length; start += batchSize) {
                int end = Math.min(order.length, start + batchSize);
                List<Value> scores = new ArrayList<>(end - start);
                double[] targets = new double[end - start];
                for (int k = start; k < end; k++) {
                    scores.add(model.forward(x[order[k]]).get(0));
                    targets[k - start] = target(y[order[k]]);
                }
                Value l = batchLoss(scores, targets);
                optimizer.zeroGrad();
                l.backward();
                optimizer.step();
                lossSum += l.data() * (end - start);
                progress.step(String.format(Locale.ROOT, "epoch %d/%d loss %.4f", epoch + 1, epochs, l.data()));
            }
            lossCurve[epoch] = lossSum / order.length;
            accCurve[epoch] = accuracy(data);
            progress.message(String.format(Locale.ROOT, "epoch %d/%d loss %.4f acc %.1f%%", epoch + 1, epochs,
                    lossCurve[epoch], 100 * accCurve[epoch]));
        }
        return new History(lossCurve, accCurve);
    }

    private double target(int label) {
        return loss == Loss.HINGE ? (label == 1 ? 1 : -1) : label;
    }

    private Value batchLoss(List<Value> scores, double[] targets) {
        return loss == Loss.HINGE
                ? ScalarLoss.hinge(scores, targets, Reduction.MEAN)
                : ScalarLoss.binaryCrossEntropyWithLogits(scores, targets, Reduction.MEAN);
    }

    /** The model's score for one point (no graph recorded). */
    double score(double[] point) {
        try (var noGrad = GradMode.disabled()) {
            return model.forward(point).get(0).data();
        }
    }

    /** The predicted class of one point: 1 when the score is positive. */
    int predict(double[] point) {
        return score(point) > 0 ? 1 : 0;
    }

    /** The fraction of {@code data} predicted right. */
    double accuracy(Dataset data) {
        int right = 0;
        for (int i = 0; i < data.size(); i++) {
            right += predict(data.features(i)) == data.label(i) ? 1 : 0;
        }
        return (double) right / data.size();
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
