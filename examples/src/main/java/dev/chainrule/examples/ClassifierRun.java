package dev.chainrule.examples;

import dev.chainrule.autograd.kernel.MatMul;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.MLP;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.monitor.GradientMonitor;
import dev.chainrule.nn.optim.CosineAnnealingLR;
import dev.chainrule.nn.optim.LrScheduler;
import dev.chainrule.nn.optim.Optimizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tensor-MLP classification run as the {@code digits}, {@code fashion-mnist} and
 * {@code demo} commands do it: build, optionally resume, train with a progress bar, print
 * the epoch table and the held-out accuracy, draw the curves, optionally save.
 */
final class ClassifierRun {
    private ClassifierRun() {
    }

    /** What a run reached. */
    record Outcome(double testAccuracy, long nanos, Path curves) {
    }

    /**
     * Trains an MLP of layer sizes {@code sizes} (ReLU hidden units, He initialisation from
     * the seed) on {@code train}, measuring on {@code test}.
     */
    static Outcome run(String name, int[] sizes, Dataset train, Dataset test, TrainingOptions o,
                       Progress.Console console, PrintWriter out) {
        Threads.use(o.threads);
        MLP model = MLP.of(sizes).activation(Activation.RELU).init(Init.HE).seed(o.seed).dtype(o.dtype);
        Optimizer opt = Optimizers.create(o.optimizer, model.parameters(), o.lr, 0);
        Checkpoints.resume(o.resume, model, opt, out);
        out.printf("%s: %d training and %d held-out samples, %d classes%n", name, train.size(), test.size(),
                train.numClasses());
        out.printf("model: %s, %d parameters%n", model, model.parameterCount());
        out.printf("training: cross-entropy, %s lr %s (%s), %d epochs, batch %d, seed %d; %s%n",
                o.optimizer, o.lr, o.schedule, o.epochs, o.batchSize, o.seed, Report.matmulKernel(o.threads, o.dtype));
        out.flush();
        TensorTrainer trainer = new TensorTrainer(model, opt);
        GradientMonitor monitor = o.monitor ? GradientMonitor.attach(model).every(10) : null;
        trainer.monitor(monitor);
        long t0 = System.nanoTime();
        int batches = (train.size() + o.batchSize - 1) / o.batchSize;
        TensorTrainer.History h;
        try (Progress p = Progress.start(name, (long) o.epochs * batches, console, o.noProgress)) {
            LrScheduler schedule = o.schedule == TrainingOptions.Schedule.COSINE && o.epochs > 0
                    ? new CosineAnnealingLR(opt, o.epochs, 0) : null;
            h = trainer.fit(train, test, o.epochs, o.batchSize, o.seed, schedule, p);
        }
        long elapsed = System.nanoTime() - t0;
        Report.epochTable(out, List.of("train loss", "train acc", "test loss", "test acc"),
                List.of(h.trainLoss(), h.trainAccuracy(), h.testLoss(), h.testAccuracy()));
        double acc = o.epochs == 0 ? trainer.evaluate(test).accuracy() : h.finalTestAccuracy();
        out.printf("%s: held-out accuracy %s after %d epochs, training took %s%n", name, Report.percent(acc), o.epochs,
                Report.seconds(elapsed));
        Path png = null;
        if (o.epochs > 0) {
            Map<String, List<Plots.Curve>> panels = new LinkedHashMap<>();
            panels.put("loss", List.of(new Plots.Curve("train", h.trainLoss()), new Plots.Curve("held-out", h.testLoss())));
            panels.put("accuracy", List.of(new Plots.Curve("train", h.trainAccuracy()),
                    new Plots.Curve("held-out", h.testAccuracy())));
            png = Plots.curves(o.outDir.resolve(name + "-curves.png"), "epoch", panels,
                    Map.of("loss", "cross-entropy", "accuracy", "fraction correct"));
            out.printf("curves: %s%n", png);
        }
        if (monitor != null) {
            monitor.detach();
            Path csv = o.outDir.resolve(name + "-monitor.csv");
            monitor.writeCsv(csv);
            out.printf("monitor (%d steps, records in %s):%n  %s%n", monitor.steps(), csv,
                    monitor.diagnose().toString().replace("\n", "\n  "));
        }
        Checkpoints.save(o.save, model, opt, out);
        out.flush();
        return new Outcome(acc, elapsed, png);
    }
}
