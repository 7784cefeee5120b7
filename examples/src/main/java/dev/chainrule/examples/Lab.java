package dev.chainrule.examples;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.examples.data.Datasets;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Linear;
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
     * optionally a gradient clip, early stopping and random restarts.
     *
     * @param clip      maximal gradient norm, 0 for none
     * @param patience  early stopping: evaluations without a better held-out loss before
     *                  training stops and the best weights are put back, 0 for none
     * @param restarts  random restarts: train from this many seeds (the lab's seed and the
     *                  next ones) and keep the run with the lowest loss on the training set;
     *                  1 for a single run
     * @param helps     false for a remedy of the notes that does not cure this problem run
     *                  (shown as tried, and LabTest checks that the problem stays)
     */
    record Variant(String name, LongFunction<MLP> model, Function<List<Parameter>, Optimizer> optimizer, double clip,
                   int patience, int restarts, boolean helps) {
        Variant(String name, LongFunction<MLP> model, Function<List<Parameter>, Optimizer> optimizer) {
            this(name, model, optimizer, 0, 0, 1, true);
        }

        Variant clip(double maxNorm) {
            return new Variant(name, model, optimizer, maxNorm, patience, restarts, helps);
        }

        Variant earlyStopping(int evaluations) {
            return new Variant(name, model, optimizer, clip, evaluations, restarts, helps);
        }

        Variant restarts(int seeds) {
            return new Variant(name, model, optimizer, clip, patience, seeds, helps);
        }

        Variant doesNotHelp() {
            return new Variant(name, model, optimizer, clip, patience, restarts, false);
        }
    }

    /** A problem of the notes with the variants that show it and its remedies. */
    enum Case {
        VANISHING("vanishing", Problem.VANISHING_GRADIENTS, 600, 128, false, 0),
        EXPLODING("exploding", Problem.EXPLODING_GRADIENTS, 300, 64, false, 0),
        DEAD_RELU("dead-relu", Problem.DEAD_UNITS, 300, 64, false, 0),
        OVERFITTING("overfitting", Problem.OVERFITTING, 800, 32, true, 0),
        SLOW_CONVERGENCE("slow-convergence", Problem.SLOW_CONVERGENCE, 400, 64, false, 0),
        // seed 11: one of the 7 seeds in 0..19 whose single run the monitor finds stuck
        LOCAL_MINIMA("local-minima", Problem.LOCAL_MINIMUM, 1500, 64, false, 11);

        final String command;
        final Problem problem;
        final int steps;
        final int batch;
        final boolean smallTrainSet;
        /** The default seed: where the problem run shows the problem (only a seed-dependent one needs other than 0). */
        final long seed;

        Case(String command, Problem problem, int steps, int batch, boolean smallTrainSet, long seed) {
            this.command = command;
            this.problem = problem;
            this.steps = steps;
            this.batch = batch;
            this.smallTrainSet = smallTrainSet;
            this.seed = seed;
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
                case LOCAL_MINIMA -> {
                    // three ReLU units per layer on inputs that are all >= 0: a unit whose weights
                    // mostly point away from the digits is off for every one of them, and which units
                    // those are depends on the seed
                    LongFunction<MLP> narrow = s -> MLP.of(64, 3, 3, 10).init(Init.HE).seed(s);
                    Dataset train = data(this, seed).train();
                    yield List.of(
                            new Variant("64-3-3-10 ReLU, SGD, one run", narrow, sgd(0.1, 0)),
                            new Variant("10 random restarts, lowest training loss kept", narrow, sgd(0.1, 0))
                                    .restarts(10),
                            new Variant("biases centred on the data at init", s -> centred(narrow.apply(s), train.x()),
                                    sgd(0.1, 0)),
                            // over seeds 0..19 momentum leaves more runs stuck, not fewer (LabTest checks this one)
                            new Variant("momentum 0.9 (lr 0.01, the same step)", narrow, sgd(0.01, 0.9)).doesNotHelp());
                }
            };
        }
    }

    /**
     * A data-dependent initialization (Salimans and Kingma 2016, the shift without the scale):
     * each hidden layer's biases are set so that its units' pre-activations have mean 0 over
     * {@code x}, so every ReLU starts on for about half the inputs instead of off for all.
     */
    static MLP centred(MLP model, Tensor x) {
        List<Linear> layers = model.layers();
        try (var off = GradMode.disabled()) {
            Tensor h = x.to(model.dtype());
            for (Linear l : layers.subList(0, layers.size() - 1)) {
                double[] mean = l.forward(h).mean(0).toArray();
                l.bias().update(b -> {
                    for (int j = 0; j < b.length; j++) {
                        b[j] -= mean[j];
                    }
                });
                h = l.forward(h).relu();
            }
        }
        return model;
    }

    private static Function<List<Parameter>, Optimizer> sgd(double lr, double momentum) {
        return ps -> SGD.of(ps).lr(lr).momentum(momentum);
    }

    private static Function<List<Parameter>, Optimizer> adam(double lr) {
        return ps -> Adam.of(ps).lr(lr);
    }

    /**
     * What one variant did: the monitor and, per evaluation, train loss, held-out loss and
     * accuracy; for random restarts, those of the kept run and every restart's final losses.
     */
    record Result(Variant variant, GradientMonitor monitor, double[] evalSteps, double[] trainLoss, double[] testLoss,
                  double[] testAccuracy, double seconds, Restarts restarts) {
    }

    /**
     * The runs of a random-restarts variant: per seed, the final loss on the whole training set
     * (what the best run is chosen by, so that the held-out loss stays an unbiased estimate)
     * and on the held-out set.
     *
     * @param kept the index of the run kept
     */
    record Restarts(long[] seeds, double[] trainLoss, double[] heldOutLoss, int kept) {
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
            this.loader = DataLoader.of(train).batchSize(batch).shuffle(seed).dtype(model.dtype());
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
     * stopping says so. A variant with random restarts trains from seeds {@code seed},
     * {@code seed + 1}, … and returns the run with the lowest final training-set loss.
     *
     * @param onStep called after each step with the monitor (the live diagnosis), or null
     */
    static Result train(Variant v, Dataset.Split data, int steps, int batch, int evaluations, long seed,
                        Consumer<GradientMonitor> onStep) {
        if (v.restarts() <= 1) {
            return trainOnce(v, data, steps, batch, evaluations, seed, onStep).result;
        }
        long t0 = System.nanoTime();
        int n = v.restarts();
        long[] seeds = new long[n];
        double[] trainLoss = new double[n];
        double[] heldOut = new double[n];
        Trained best = null;
        Trained first = null;
        int kept = -1;
        for (int i = 0; i < n; i++) {
            seeds[i] = seed + i;
            Trained t = trainOnce(v, data, steps, batch, evaluations, seeds[i], onStep);
            first = i == 0 ? t : first;
            trainLoss[i] = evaluate(t.model, data.train())[0];
            heldOut[i] = t.result.testLoss().length == 0 ? Double.NaN : t.result.testLoss()[t.result.testLoss().length - 1];
            if (Double.isFinite(trainLoss[i]) && (best == null || trainLoss[i] < trainLoss[kept])) {
                best = t;
                kept = i;
            }
        }
        if (best == null) {
            best = first; // every restart diverged: show the first
            kept = 0;
        }
        Result r = best.result;
        return new Result(v, r.monitor(), r.evalSteps(), r.trainLoss(), r.testLoss(), r.testAccuracy(),
                (System.nanoTime() - t0) / 1e9, new Restarts(seeds, trainLoss, heldOut, kept));
    }

    /** A trained model and what its run recorded. */
    private record Trained(MLP model, Result result) {
    }

    private static Trained trainOnce(Variant v, Dataset.Split data, int steps, int batch, int evaluations, long seed,
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
        return new Trained(run.model, new Result(v, monitor, cols[0], cols[1], cols[2], cols[3],
                (System.nanoTime() - t0) / 1e9, null));
    }

    /** Held-out loss and accuracy, in eval mode and with no graph. */
    static double[] evaluate(MLP model, Dataset test) {
        model.eval();
        try (var off = GradMode.disabled()) {
            Tensor logits = model.forward(test.x().to(model.dtype()));
            double loss = Loss.crossEntropy(logits, test.labels()).item();
            return new double[] {loss, TensorTrainer.correct(logits, test.labels()) / (double) test.size()};
        } finally {
            model.train();
        }
    }
}
