package dev.chainrule.examples;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Loss;
import dev.chainrule.nn.Metrics;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.monitor.Diagnosis;
import dev.chainrule.nn.monitor.GradientMonitor;
import dev.chainrule.nn.optim.LrScheduler;
import dev.chainrule.nn.optim.Optimizer;
import java.util.Locale;

/**
 * The training loop of the tensor examples: mini-batches of a {@link DataLoader}, softmax
 * cross-entropy on the model's logits, one optimizer step per batch, and after each epoch
 * the loss and accuracy on the training batches seen and on a held-out set.
 */
final class TensorTrainer {
    /** Held-out data is evaluated in chunks of this many samples, with no graph recorded. */
    private static final int EVAL_CHUNK = 2048;

    private final Module model;
    private final Optimizer optimizer;
    private GradientMonitor monitor;

    TensorTrainer(Module model, Optimizer optimizer) {
        this.model = model;
        this.optimizer = optimizer;
    }

    /** Records every step in {@code m} (null: none) and shows its diagnosis beside the progress bar; returns this. */
    TensorTrainer monitor(GradientMonitor m) {
        this.monitor = m;
        return this;
    }

    /** The live diagnosis in a few words: the problems' names, or "ok". */
    private String live() {
        Diagnosis d = monitor.diagnose();
        return d.healthy() ? " | monitor: ok"
                : " | monitor: " + String.join(", ", d.findings().stream().map(f -> f.problem().label()).toList());
    }

    /** Per-epoch curves: training loss and accuracy (over the epoch's batches), held-out loss and accuracy. */
    record History(double[] trainLoss, double[] trainAccuracy, double[] testLoss, double[] testAccuracy) {
        /** The held-out accuracy after the last epoch. */
        double finalTestAccuracy() {
            return testAccuracy.length == 0 ? Double.NaN : testAccuracy[testAccuracy.length - 1];
        }
    }

    /** Mean cross-entropy and accuracy of the model on some data. */
    record Evaluation(double loss, double accuracy) {
    }

    /**
     * Trains for {@code epochs} passes over {@code train}, shuffled from {@code seed}, and
     * evaluates on {@code test} after each.
     */
    History fit(Dataset train, Dataset test, int epochs, int batchSize, long seed, Progress progress) {
        return fit(train, test, epochs, batchSize, seed, null, progress);
    }

    /** As above, stepping {@code schedule} (if not null) after each epoch. */
    History fit(Dataset train, Dataset test, int epochs, int batchSize, long seed, LrScheduler schedule,
                Progress progress) {
        DataLoader loader = DataLoader.of(train).batchSize(batchSize).shuffle(seed).dtype(model.dtype());
        double[] trLoss = new double[epochs], trAcc = new double[epochs], teLoss = new double[epochs], teAcc = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            double lossSum = 0;
            int right = 0, seen = 0;
            for (Batch b : loader) {
                Tensor logits = model.forward(b.x());
                Tensor loss = Loss.crossEntropy(logits, b.labels());
                optimizer.zeroGrad();
                loss.backward();
                double l = loss.item();
                if (monitor != null) {
                    monitor.step(l);
                }
                optimizer.step();
                lossSum += l * b.size();
                right += correct(logits, b.labels());
                seen += b.size();
                progress.step(String.format(Locale.ROOT, "epoch %d/%d loss %.4f", epoch + 1, epochs, l));
            }
            if (schedule != null) {
                schedule.step();
            }
            trLoss[epoch] = lossSum / seen;
            trAcc[epoch] = (double) right / seen;
            Evaluation e = evaluate(test);
            teLoss[epoch] = e.loss();
            teAcc[epoch] = e.accuracy();
            if (monitor != null) {
                monitor.heldOut(trLoss[epoch], teLoss[epoch]);
            }
            progress.message(String.format(Locale.ROOT, "epoch %d/%d loss %.4f test acc %.1f%%", epoch + 1, epochs,
                    trLoss[epoch], 100 * teAcc[epoch]) + (monitor == null ? "" : live()));
        }
        return new History(trLoss, trAcc, teLoss, teAcc);
    }

    /**
     * Loss and accuracy on {@code data}, without recording a graph and in eval mode (dropout
     * off, batch norm on its running statistics); the model's mode is restored afterwards.
     */
    Evaluation evaluate(Dataset data) {
        double lossSum = 0;
        int right = 0;
        boolean wasTraining = model.isTraining();
        model.eval();
        try (var noGrad = GradMode.disabled()) {
            for (int start = 0; start < data.size(); start += EVAL_CHUNK) {
                int end = Math.min(data.size(), start + EVAL_CHUNK);
                int[] idx = new int[end - start];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = start + i;
                }
                Dataset chunk = data.subset(idx);
                Tensor logits = model.forward(chunk.x().to(model.dtype()));
                lossSum += Loss.crossEntropy(logits, chunk.labels()).item() * idx.length;
                right += correct(logits, chunk.labels());
            }
        } finally {
            model.train(wasTraining);
        }
        return new Evaluation(lossSum / data.size(), (double) right / data.size());
    }

    /** How many rows of {@code logits} have their largest entry at the label. */
    static int correct(Tensor logits, int[] labels) {
        int[] predicted = Metrics.argmax(logits);
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return right;
    }
}
