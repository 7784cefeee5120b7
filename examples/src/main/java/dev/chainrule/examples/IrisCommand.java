package dev.chainrule.examples;

import dev.chainrule.examples.data.Datasets;
import dev.chainrule.nn.MLP;
import dev.chainrule.nn.monitor.GradientMonitor;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.data.Standardizer;
import dev.chainrule.nn.optim.Optimizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code chainrule iris}: a softmax classifier trained three ways, compared on one chart. */
@Command(name = "iris", mixinStandardHelpOptions = true,
        description = {"Train a softmax classifier (one linear layer 4 -> 3, cross-entropy) on Fisher's iris with "
                + "SGD, SGD with momentum and Adam from the same start, and plot their curves on one PNG.",
            "With --optimizer, only that optimizer is trained."})
final class IrisCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Chainrule root;

    @Mixin
    TrainingOptions training = new TrainingOptions(60, 0.05, 16, TrainingOptions.OptimizerName.ADAM);

    @Override
    public Integer call() {
        training.validate(spec);
        Threads.use(training.threads);
        PrintWriter out = spec.commandLine().getOut();
        Dataset.Split split = Datasets.iris().split(0.2, training.seed);
        // standardize with the training part's statistics only, so the held-out part stays unseen
        Standardizer z = Standardizer.fit(split.train());
        Dataset train = z.apply(split.train()), test = z.apply(split.test());

        List<TrainingOptions.OptimizerName> names = spec.commandLine().getParseResult().hasMatchedOption("--optimizer")
                ? List.of(training.optimizer)
                : List.of(TrainingOptions.OptimizerName.SGD, TrainingOptions.OptimizerName.MOMENTUM,
                        TrainingOptions.OptimizerName.ADAM);
        out.printf("iris: %d training and %d held-out flowers, features standardized; softmax classifier 4 -> 3%n",
                train.size(), test.size());
        out.printf("training: cross-entropy, lr %s, %d epochs, batch %d, seed %d, the same start for each optimizer; %s%n",
                training.lr, training.epochs, training.batchSize, training.seed, Report.matmulKernel(training.threads, training.dtype));
        out.flush();

        Map<String, List<Plots.Curve>> panels = new LinkedHashMap<>();
        List<Plots.Curve> losses = new ArrayList<>(), accuracies = new ArrayList<>();
        MLP best = null;
        Optimizer bestOpt = null;
        double bestAcc = -1;
        String bestName = null;
        for (TrainingOptions.OptimizerName name : names) {
            MLP model = MLP.of(4, 3).seed(training.seed).dtype(training.dtype); // the same start for every optimizer
            Optimizer opt = Optimizers.create(name, model.parameters(), training.lr, 0);
            Checkpoints.resumeModel(training.resume, model, out);
            TensorTrainer trainer = new TensorTrainer(model, opt);
            GradientMonitor monitor = training.monitor ? GradientMonitor.attach(model).every(10) : null;
            trainer.monitor(monitor);
            int batches = (train.size() + training.batchSize - 1) / training.batchSize;
            long t0 = System.nanoTime();
            TensorTrainer.History h;
            try (Progress p = Progress.start("iris " + name, (long) training.epochs * batches, root.console(spec),
                    training.noProgress)) {
                h = trainer.fit(train, test, training.epochs, training.batchSize, training.seed, p);
            }
            long elapsed = System.nanoTime() - t0;
            if (monitor != null) {
                out.printf("monitor, %s:%n  %s%n", name, monitor.diagnose().toString().replace("\n", "\n  "));
            }
            double acc = training.epochs == 0 ? trainer.evaluate(test).accuracy() : h.finalTestAccuracy();
            double loss = training.epochs == 0 ? trainer.evaluate(train).loss() : h.trainLoss()[training.epochs - 1];
            out.printf(Locale.ROOT, "  %-9s final training loss %.4f, held-out accuracy %s, %s%n", name, loss,
                    Report.percent(acc), Report.seconds(elapsed));
            losses.add(new Plots.Curve(name.toString(), h.trainLoss()));
            accuracies.add(new Plots.Curve(name.toString(), h.testAccuracy()));
            if (acc > bestAcc) {
                bestAcc = acc;
                best = model;
                bestOpt = opt;
                bestName = name.toString();
            }
        }
        if (training.epochs > 0) {
            panels.put("training loss", losses);
            panels.put("held-out accuracy", accuracies);
            Path png = Plots.curves(training.outDir.resolve("iris-optimizers.png"), "epoch", panels,
                    Map.of("training loss", "cross-entropy", "held-out accuracy", "fraction correct"));
            out.printf("curves: %s%n", png);
        }
        if (training.save != null) {
            out.printf("saving the %s model (best held-out accuracy)%n", bestName);
            Checkpoints.save(training.save, best, bestOpt, out);
        }
        out.flush();
        return 0;
    }
}
