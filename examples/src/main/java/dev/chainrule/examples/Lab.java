package dev.chainrule.examples;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.examples.data.Datasets;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Loss;
import dev.chainrule.nn.MLP;
import dev.chainrule.nn.Parameter;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.monitor.GradientMonitor;
import dev.chainrule.nn.monitor.Problem;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.EarlyStopping;
import dev.chainrule.nn.optim.Gradients;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.optim.SGD;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The training problems of the lecture notes, each as a problem run and its remedies on the
 * 8x8 digits: the variants of a {@link Case} train side by side with a {@link GradientMonitor}
 * attached. The first variant is the problem, the second its main remedy.
 */
final class Lab {
    private Lab() {
    }

    /**
     * One way to train: a model drawn from a seed, an optimizer for its parameters, and
     * optionally a gradient clip and early stopping.
     *
     * @param clip      maximal gradient norm, 0 for none
     * @param patience  early stopping: evaluations without a better held-out loss before
     *                  training stops and the best weights are put back, 0 for none
     */
    record Variant(String name, LongFunction<MLP> model, Function<List<Parameter>, Optimizer> optimizer, double clip,
                   int patience) {
        Variant(String name, LongFunction<MLP> model, Function<List<Parameter>, Optimizer> optimizer) {
            this(name, model, optimizer, 0, 0);
        }

        Variant clip(double maxNorm) {
            return new Variant(name, model, optimizer, maxNorm, patience);
        }

        Variant earlyStopping(int evaluations) {
            return new Variant(name, model, optimizer, clip, evaluations);
        }
    }

    /** A problem of the notes with the variants that show it and its remedies. */
    enum Case {
        VANISHING("vanishing", Problem.VANISHING_GRADIENTS, 600, 128, false),
        EXPLODING("exploding", Problem.EXPLODING_GRADIENTS, 300, 64, false),
        DEAD_RELU("dead-relu", Problem.DEAD_UNITS, 300, 64, false),
        OVERFITTING("overfitting", Problem.OVERFITTING, 800, 32, true),
        SLOW_CONVERGENCE("slow-convergence", Problem.SLOW_CONVERGENCE, 400, 64, false),
        LOCAL_MINIMA("local-minima", Problem.LOCAL_MINIMUM, 400, 64, false);

        final String command;
        final Problem problem;
        final int steps;
        final int batch;
        final boolean smallTrainSet;

        Case(String command, Problem problem, int steps, int batch, boolean smallTrainSet) {
            this.command = command;
            this.problem = problem;
            this.steps = steps;
            this.batch = batch;
            this.smallTrainSet = smallTrainSet;
        }

        /** The case for a command-line name ({@code dead-relu}). */
        static Case of(String name) {
            for (Case c : values()) {
                if (c.command.equals(name)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("lab: unknown problem '" + name + "'; choose one of "
                    + Arrays.stream(values()).map(c -> c.command).toList());
        }

        /** The variants, problem first, then the remedies (the main one second). */
        List<Variant> variants(long seed) {
            int[] deep = {64, 32, 32, 32, 32, 32, 32, 32, 32, 32, 10}; // 10 weight layers
            int[] mid = {64, 64, 64, 64, 10};
            int[] big = {64, 256, 256, 10};
            return switch (this) {
                case VANISHING -> List.of(
                        new Variant("sigmoid", s -> MLP.of(deep).activation(Activation.SIGMOID).seed(s), sgd(0.5, 0)),
                        new Variant("relu (lr 0.1)", s -> MLP.of(deep).activation(Activation.RELU).init(Init.HE).seed(s),
                                sgd(0.1, 0)),
                        new Variant("sigmoid + batch norm", s -> MLP.of(deep).activation(Activation.SIGMOID).seed(s)
                                .normalization(MLP.Normalization.BATCH_NORM), sgd(0.5, 0)),
                        new Variant("sigmoid + residual", s -> MLP.of(deep).activation(Activation.SIGMOID).seed(s)
                                .residual(true), sgd(0.5, 0)));
                case EXPLODING -> List.of(
                        new Variant("large init (6x He), lr 0.05", s -> MLP.of(mid).init(Init.heNormal(6)).seed(s),
                                sgd(0.05, 0)),
                        new Variant("large init + clipping (norm 1)", s -> MLP.of(mid).init(Init.heNormal(6)).seed(s),
                                sgd(0.05, 0)).clip(1.0),
                        new Variant("large init, lr 5e-5", s -> MLP.of(mid).init(Init.heNormal(6)).seed(s),
                                sgd(5e-5, 0)),
                        new Variant("large init + batch norm", s -> MLP.of(mid).init(Init.heNormal(6)).seed(s)
                                .normalization(MLP.Normalization.BATCH_NORM), sgd(0.05, 0)));
                case DEAD_RELU -> List.of(
                        new Variant("relu, lr 2", s -> MLP.of(mid).init(Init.HE).seed(s), sgd(2, 0)),
                        new Variant("relu, lr 0.05", s -> MLP.of(mid).init(Init.HE).seed(s), sgd(0.05, 0)),
                        new Variant("relu + batch norm, lr 2", s -> MLP.of(mid).init(Init.HE).seed(s)
                                .normalization(MLP.Normalization.BATCH_NORM), sgd(2, 0)));
                case OVERFITTING -> List.of(
                        new Variant("64-256-256-10", s -> MLP.of(big).init(Init.HE).seed(s), adam(1e-3)),
                        new Variant("64-256-256-10 + dropout 0.6", s -> MLP.of(big).init(Init.HE).seed(s).dropout(0.6),
                                adam(1e-3)),
                        new Variant("64-16-10 (smaller)", s -> MLP.of(64, 16, 10).init(Init.HE).seed(s), adam(1e-3)),
                        new Variant("64-256-256-10 + early stopping", s -> MLP.of(big).init(Init.HE).seed(s),
                                adam(1e-3)).earlyStopping(3));
                case SLOW_CONVERGENCE -> List.of(
                        new Variant("SGD lr 0.002", s -> MLP.of(mid).init(Init.HE).seed(s), sgd(0.002, 0)),
                        new Variant("Adam lr 0.002", s -> MLP.of(mid).init(Init.HE).seed(s), adam(2e-3)),
                        new Variant("SGD lr 0.1", s -> MLP.of(mid).init(Init.HE).seed(s), sgd(0.1, 0)),
                        new Variant("SGD lr 0.002 + momentum 0.9", s -> MLP.of(mid).init(Init.HE).seed(s),
                                sgd(0.002, 0.9)),
                        new Variant("SGD lr 0.002 + batch norm", s -> MLP.of(mid).init(Init.HE).seed(s)
                                .normalization(MLP.Normalization.BATCH_NORM), sgd(0.002, 0)));
                case LOCAL_MINIMA -> List.of(
                        new Variant("tiny init, SGD", s -> MLP.of(mid).activation(Activation.TANH)
                                .init(Init.xavierUniform(0.1)).seed(s), sgd(0.05, 0)),
                        new Variant("Xavier init, SGD", s -> MLP.of(mid).activation(Activation.TANH).seed(s),
                                sgd(0.05, 0)),
                        new Variant("tiny init, lr 0.2 + momentum 0.9", s -> MLP.of(mid).activation(Activation.TANH)
                                .init(Init.xavierUniform(0.1)).seed(s), sgd(0.2, 0.9)));
            };
        }
    }

    private static Function<List<Parameter>, Optimizer> sgd(double lr, double momentum) {
        return ps -> SGD.of(ps).lr(lr).momentum(momentum);
    }

    private static Function<List<Parameter>, Optimizer> adam(double lr) {
        return ps -> Adam.of(ps).lr(lr);
    }

    /** What one variant did: the monitor and, per evaluation, train loss, held-out loss and accuracy. */
    record Result(Variant variant, GradientMonitor monitor, double[] evalSteps, double[] trainLoss, double[] testLoss,
                  double[] testAccuracy, double seconds) {
    }

    /** The digits split of the lab (the overfitting case trains on 150 of them). */
    static Dataset.Split data(Case c, long seed) {
        Dataset.Split split = Datasets.digits().split(0.2, seed);
        if (!c.smallTrainSet) {
            return split;
        }
        int[] first = new int[150];
        Arrays.setAll(first, i -> i);
        return new Dataset.Split(split.train().subset(first), split.test());
    }

    /** A model in training: its optimizer and its place in the shuffled batches. */
    private static final class Run {
        final MLP model;
        final Optimizer optimizer;
        private final Variant variant;
        private final DataLoader loader;
        private Iterator<Batch> batches;

        Run(Variant v, Dataset train, int batch, long seed) {
            this.variant = v;
            this.model = v.model().apply(seed);
            this.optimizer = v.optimizer().apply(model.parameters());
            this.loader = DataLoader.of(train).batchSize(batch).shuffle(seed);
            this.batches = loader.iterator();
        }

        /** One step on the next batch; the monitor (if any) sees it after backward and clipping. Returns the loss. */
        double step(GradientMonitor monitor) {
            if (!batches.hasNext()) {
                batches = loader.iterator();
            }
            Batch b = batches.next();
            model.train();
            Tensor loss = Loss.crossEntropy(model.forward(b.x()), b.labels());
            optimizer.zeroGrad();
            loss.backward();
            if (variant.clip() > 0) {
                Gradients.clipGradNorm(model.parameters(), variant.clip());
            }
            double l = loss.item();
            if (monitor != null) {
                monitor.step(l);
            }
            if (Double.isFinite(l)) {
                optimizer.step();
            }
            return l;
        }
    }

    /**
     * Trains {@code v} for {@code steps} mini-batches with a monitor attached, evaluating
     * {@code evaluations} times; stops early when the loss is no longer finite or early
     * stopping says so.
     *
     * @param onStep called after each step with the monitor (the live diagnosis), or null
     */
    static Result train(Variant v, Dataset.Split data, int steps, int batch, int evaluations, long seed,
                        Consumer<GradientMonitor> onStep) {
        long t0 = System.nanoTime();
        Run run = new Run(v, data.train(), batch, seed);
        GradientMonitor monitor = GradientMonitor.attach(run.model);
        EarlyStopping stop = v.patience() > 0
                ? EarlyStopping.of(run.model.parameters()).patience(v.patience()).restoreBestWeights(true) : null;
        int every = Math.max(1, steps / evaluations);
        List<double[]> evals = new ArrayList<>();
        double sinceEval = 0;
        int countSince = 0;
        for (int s = 0; s < steps; s++) {
            double l = run.step(monitor);
            if (!Double.isFinite(l)) {
                break;
            }
            sinceEval += l;
            countSince++;
            if ((s + 1) % every == 0) {
                double[] test = evaluate(run.model, data.test());
                double train = sinceEval / countSince;
                if (stop != null && stop.update(test[0])) {
                    // the best weights are back: their held-out numbers close the curves
                    test = evaluate(run.model, data.test());
                }
                monitor.heldOut(train, test[0]);
                evals.add(new double[] {s + 1, train, test[0], test[1]});
                sinceEval = 0;
                countSince = 0;
                if (stop != null && stop.stopped()) {
                    break;
                }
            }
            if (onStep != null) {
                onStep.accept(monitor);
            }
        }
        monitor.detach();
        double[][] cols = new double[4][evals.size()];
        for (int i = 0; i < evals.size(); i++) {
            for (int j = 0; j < 4; j++) {
                cols[j][i] = evals.get(i)[j];
            }
        }
        return new Result(v, monitor, cols[0], cols[1], cols[2], cols[3], (System.nanoTime() - t0) / 1e9);
    }

    /** Held-out loss and accuracy, in eval mode and with no graph. */
    static double[] evaluate(MLP model, Dataset test) {
        model.eval();
        try (var off = GradMode.disabled()) {
            Tensor logits = model.forward(test.x());
            double loss = Loss.crossEntropy(logits, test.labels()).item();
            return new double[] {loss, TensorTrainer.correct(logits, test.labels()) / (double) test.size()};
        } finally {
            model.train();
        }
    }
}
