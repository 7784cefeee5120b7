package dev.chainrule.examples;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Value;
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
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code chainrule xor}: the smallest problem a linear model cannot solve, learned by a ScalarMLP. */
@Command(name = "xor", mixinStandardHelpOptions = true,
        description = "Learn XOR with a ScalarMLP of Values (2-4-1, tanh hidden units, logistic loss); print the "
                + "four predictions and draw the decision boundary.")
final class XorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Chainrule root;

    @Mixin
    TrainingOptions training = new TrainingOptions(200, 0.05, 4, TrainingOptions.OptimizerName.ADAM);

    @Override
    public Integer call() {
        training.validate(spec);
        training.refuseMonitor(spec);
        training.refuseFloat32(spec);
        Threads.use(training.threads);
        PrintWriter out = spec.commandLine().getOut();
        Dataset data = Datasets.xor();
        ScalarMLP model = ScalarMLP.of(2, 4, 1).activation(Activation.TANH).seed(training.seed);
        Optimizer opt = Optimizers.create(training.optimizer, model.parameters(), training.lr, 0);
        Checkpoints.resume(training.resume, model, opt, out);
        ScalarTrainer trainer = new ScalarTrainer(model, opt, ScalarTrainer.Loss.LOGISTIC);
        out.printf("xor: model %s, %d parameters%n", model, model.parameterCount());
        out.printf("training: logistic loss, %s lr %s, %d epochs, batch %d, seed %d; %s%n", training.optimizer,
                training.lr, training.epochs, training.batchSize, training.seed, Report.SCALAR_KERNEL);
        out.flush();
        long t0 = System.nanoTime();
        int batches = (data.size() + training.batchSize - 1) / training.batchSize;
        ScalarTrainer.History h;
        try (Progress p = Progress.start("xor", (long) training.epochs * batches, root.console(spec), training.noProgress)) {
            h = trainer.fit(data, training.epochs, training.batchSize, training.seed, p);
        }
        long elapsed = System.nanoTime() - t0;
        Report.epochTable(out, List.of("loss", "accuracy"), List.of(h.loss(), h.accuracy()));
        out.println("  x1  x2  xor  p(1) = sigmoid(score)");
        for (int i = 0; i < data.size(); i++) {
            double[] x = data.features(i);
            double p;
            try (var noGrad = GradMode.disabled()) {
                p = model.forward(x).get(0).sigmoid().data();
            }
            out.printf("  %2.0f  %2.0f  %3d  %.4f%n", x[0], x[1], data.label(i), p);
        }
        double acc = trainer.accuracy(data);
        out.printf("accuracy %s, training took %s%n", Report.percent(acc), Report.seconds(elapsed));
        Path png = Plots.decisionBoundary(training.outDir.resolve("xor.png"), "XOR: ScalarMLP decision regions",
                data.rows(), data.labels(), data.classNames(), trainer::predict);
        out.printf("decision boundary: %s%n", png);
        Checkpoints.save(training.save, model, opt, out);
        out.flush();
        return 0;
    }
}
