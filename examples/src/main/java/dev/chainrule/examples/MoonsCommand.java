package dev.chainrule.examples;

import dev.chainrule.examples.data.Datasets;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.ScalarMLP;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.optim.Optimizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code chainrule moons}: micrograd's demo, a ScalarMLP of Values on two moons with a hinge loss. */
@Command(name = "moons", mixinStandardHelpOptions = true,
        description = {"Train a ScalarMLP of Values (2-16-16-1, relu, micrograd style) on generated two-moons "
                + "data with a hinge loss, and draw its decision boundary as a PNG."})
final class MoonsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Chainrule root;

    @Mixin
    TrainingOptions training = new TrainingOptions(100, 0.1, 100, TrainingOptions.OptimizerName.MOMENTUM);

    @Option(names = "--samples", paramLabel = "N", description = "training points (default: ${DEFAULT-VALUE}); "
            + "the test set has twice as many")
    int samples = 100;

    @Option(names = "--noise", paramLabel = "SD", description = "Gaussian noise on the points (default: ${DEFAULT-VALUE})")
    double noise = 0.1;

    @Override
    public Integer call() {
        training.validate(spec);
        training.refuseMonitor(spec);
        training.refuseFloat32(spec);
        if (samples < 4) {
            throw new ParameterException(spec.commandLine(), "--samples must be >= 4, got " + samples);
        }
        if (!(noise >= 0)) {
            throw new ParameterException(spec.commandLine(), "--noise must be >= 0, got " + noise);
        }
        Threads.use(training.threads);
        PrintWriter out = spec.commandLine().getOut();
        Dataset train = Datasets.moons(samples, noise, training.seed);
        Dataset test = Datasets.moons(2 * samples, noise, training.seed + 1);
        ScalarMLP model = ScalarMLP.of(2, 16, 16, 1).activation(Activation.RELU).seed(training.seed);
        Optimizer opt = Optimizers.create(training.optimizer, model.parameters(), training.lr, 1e-4);
        Checkpoints.resume(training.resume, model, opt, out);
        ScalarTrainer trainer = new ScalarTrainer(model, opt, ScalarTrainer.Loss.HINGE);

        out.printf("moons: %d training points, %d test points, noise %s%n", train.size(), test.size(), noise);
        out.printf("model: %s, %d parameters%n", model, model.parameterCount());
        out.printf("training: hinge loss, %s lr %s, L2 1e-4, %d epochs, batch %d, seed %d; %s%n", training.optimizer,
                training.lr, training.epochs, training.batchSize, training.seed, Report.SCALAR_KERNEL);
        out.flush();
        long t0 = System.nanoTime();
        int batches = (train.size() + training.batchSize - 1) / training.batchSize;
        ScalarTrainer.History h;
        try (Progress p = Progress.start("moons", (long) training.epochs * batches, root.console(spec), training.noProgress)) {
            h = trainer.fit(train, training.epochs, training.batchSize, training.seed, p);
        }
        long elapsed = System.nanoTime() - t0;
        Report.epochTable(out, List.of("loss", "train acc"), List.of(h.loss(), h.accuracy()));
        double testAcc = trainer.accuracy(test);
        out.printf("train accuracy %s, test accuracy %s, training took %s%n", Report.percent(trainer.accuracy(train)),
                Report.percent(testAcc), Report.seconds(elapsed));
        Path png = Plots.decisionBoundary(training.outDir.resolve("moons.png"),
                "two moons: ScalarMLP decision boundary (test accuracy " + Report.percent(testAcc) + ")",
                test.rows(), test.labels(), test.classNames(), trainer::predict);
        out.printf("decision boundary: %s%n", png);
        Checkpoints.save(training.save, model, opt, out);
        out.flush();
        return 0;
    }
}
